// The standard OpenLineage facet schemas (facets/*.json), imported statically so the bundler ships them.
import BaseSubsetDatasetFacet from "./facets/BaseSubsetDatasetFacet.json";
import CatalogDatasetFacet from "./facets/CatalogDatasetFacet.json";
import ColumnLineageDatasetFacet from "./facets/ColumnLineageDatasetFacet.json";
import DataQualityAssertionsDatasetFacet from "./facets/DataQualityAssertionsDatasetFacet.json";
import DataQualityMetricsDatasetFacet from "./facets/DataQualityMetricsDatasetFacet.json";
import DataQualityMetricsInputDatasetFacet from "./facets/DataQualityMetricsInputDatasetFacet.json";
import DatasetTypeDatasetFacet from "./facets/DatasetTypeDatasetFacet.json";
import DatasetVersionDatasetFacet from "./facets/DatasetVersionDatasetFacet.json";
import DatasourceDatasetFacet from "./facets/DatasourceDatasetFacet.json";
import DocumentationDatasetFacet from "./facets/DocumentationDatasetFacet.json";
import DocumentationJobFacet from "./facets/DocumentationJobFacet.json";
import EnvironmentVariablesRunFacet from "./facets/EnvironmentVariablesRunFacet.json";
import ErrorMessageRunFacet from "./facets/ErrorMessageRunFacet.json";
import ExecutionParametersRunFacet from "./facets/ExecutionParametersRunFacet.json";
import ExternalQueryRunFacet from "./facets/ExternalQueryRunFacet.json";
import ExtractionErrorRunFacet from "./facets/ExtractionErrorRunFacet.json";
import HierarchyDatasetFacet from "./facets/HierarchyDatasetFacet.json";
import InputStatisticsInputDatasetFacet from "./facets/InputStatisticsInputDatasetFacet.json";
import JobDependenciesRunFacet from "./facets/JobDependenciesRunFacet.json";
import JobTypeJobFacet from "./facets/JobTypeJobFacet.json";
import LifecycleStateChangeDatasetFacet from "./facets/LifecycleStateChangeDatasetFacet.json";
import LineageFacet from "./facets/LineageFacet.json";
import NominalTimeRunFacet from "./facets/NominalTimeRunFacet.json";
import OutputStatisticsOutputDatasetFacet from "./facets/OutputStatisticsOutputDatasetFacet.json";
import OwnershipDatasetFacet from "./facets/OwnershipDatasetFacet.json";
import OwnershipJobFacet from "./facets/OwnershipJobFacet.json";
import ParentRunFacet from "./facets/ParentRunFacet.json";
import ProcessingEngineRunFacet from "./facets/ProcessingEngineRunFacet.json";
import SQLJobFacet from "./facets/SQLJobFacet.json";
import SchemaDatasetFacet from "./facets/SchemaDatasetFacet.json";
import SourceCodeJobFacet from "./facets/SourceCodeJobFacet.json";
import SourceCodeLocationJobFacet from "./facets/SourceCodeLocationJobFacet.json";
import StorageDatasetFacet from "./facets/StorageDatasetFacet.json";
import SymlinksDatasetFacet from "./facets/SymlinksDatasetFacet.json";
import TagsDatasetFacet from "./facets/TagsDatasetFacet.json";
import TagsJobFacet from "./facets/TagsJobFacet.json";
import TagsRunFacet from "./facets/TagsRunFacet.json";
import TestRunFacet from "./facets/TestRunFacet.json";

type FacetSchema = { $id: string; properties: Record<string, unknown>; $defs: Record<string, unknown> };

export const FACET_SCHEMAS: FacetSchema[] = [
  BaseSubsetDatasetFacet,
  CatalogDatasetFacet,
  ColumnLineageDatasetFacet,
  DataQualityAssertionsDatasetFacet,
  DataQualityMetricsDatasetFacet,
  DataQualityMetricsInputDatasetFacet,
  DatasetTypeDatasetFacet,
  DatasetVersionDatasetFacet,
  DatasourceDatasetFacet,
  DocumentationDatasetFacet,
  DocumentationJobFacet,
  EnvironmentVariablesRunFacet,
  ErrorMessageRunFacet,
  ExecutionParametersRunFacet,
  ExternalQueryRunFacet,
  ExtractionErrorRunFacet,
  HierarchyDatasetFacet,
  InputStatisticsInputDatasetFacet,
  JobDependenciesRunFacet,
  JobTypeJobFacet,
  LifecycleStateChangeDatasetFacet,
  LineageFacet,
  NominalTimeRunFacet,
  OutputStatisticsOutputDatasetFacet,
  OwnershipDatasetFacet,
  OwnershipJobFacet,
  ParentRunFacet,
  ProcessingEngineRunFacet,
  SQLJobFacet,
  SchemaDatasetFacet,
  SourceCodeJobFacet,
  SourceCodeLocationJobFacet,
  StorageDatasetFacet,
  SymlinksDatasetFacet,
  TagsDatasetFacet,
  TagsJobFacet,
  TagsRunFacet,
  TestRunFacet,
] as FacetSchema[];
