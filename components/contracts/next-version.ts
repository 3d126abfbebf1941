const VERSION_LINE = /^version:[ \t]*["']?(\d+)\.(\d+)\.(\d+)["']?[ \t]*$/m;

/** The top-level `version:` of an ODCS YAML document, read without parsing it (the text may be invalid while typed). */
export function versionInYaml(text: string): string | null {
  const match = /^version:[ \t]*["']?([^\s"'#]+)/m.exec(text);
  return match ? match[1] : null;
}

/** Starting from a published version, the editor proposes the next minor so the first check is not "already exists". */
export function withNextMinorVersion(text: string, published: string | null): { text: string; bumpedTo: string | null } {
  const match = VERSION_LINE.exec(text);
  if (!published || !match || `${match[1]}.${match[2]}.${match[3]}` !== published) return { text, bumpedTo: null };
  const next = `${match[1]}.${Number(match[2]) + 1}.0`;
  return { text: text.replace(VERSION_LINE, `version: ${next}`), bumpedTo: next };
}
