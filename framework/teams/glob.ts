/**
 * Matches names such as `ArchiveJobs.checksum` against a glob where `*` is any run of characters
 * and `?` one character (`Sim*.compute*`). Every other character matches itself.
 */
export function globMatcher(glob: string): (name: string) => boolean {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  const regExp = new RegExp(`^${source}$`);
  return (name) => regExp.test(name);
}
