/** A dataset card split for display: its YAML front matter (shown apart, as code) and the Markdown body. */
export function splitFrontMatter(markdown: string): { yaml: string | null; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(markdown);
  if (!m) return { yaml: null, body: markdown };
  return { yaml: m[1]!, body: markdown.slice(m[0].length) };
}
