/** The mini-program version description comes from git, so the admin console says what was built. */
import { execFileSync } from 'node:child_process';

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export interface GitVersion {
  /** `git describe --tags --always --dirty`, or the short sha. */
  describe: string;
  subject: string;
  dirty: boolean;
}

export function readGitVersion(root: string): GitVersion {
  const describe = git(root, ['describe', '--tags', '--always', '--dirty']) ?? git(root, ['rev-parse', '--short', 'HEAD']) ?? 'unknown';
  const subject = git(root, ['log', '-1', '--format=%s']) ?? '';
  return { describe, subject, dirty: describe.endsWith('-dirty') };
}

/** WeChat shows the description in the version list; keep it to one readable line. */
export function versionDescription(v: GitVersion): string {
  const text = v.subject ? `${v.describe} ${v.subject}` : v.describe;
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}
