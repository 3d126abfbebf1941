import { notFound } from "next/navigation";
import { MeshworkError } from "@/lib/errors";

/** What `lookup` resolves to, or the 404 page when the domain says it was not found (or is not visible). */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof MeshworkError && error.code === "not_found") notFound();
    throw error;
  }
}
