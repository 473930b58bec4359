/**
 * A texture job this page did not start (it ran on through a reload, or another page started it)
 * shows its result only if the user has not moved on: the canvas is empty, or still shows what
 * it showed when the job was first seen.
 */
export function showsFinished(shown: string | null, whenSeen: string | null): boolean {
  return shown === null || shown === whenSeen;
}
