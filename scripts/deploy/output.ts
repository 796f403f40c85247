/**
 * Everything the deploy prints goes through one writer that scrubs secret values, so an SDK
 * error echoing a request (or a careless message) can never put a key into a terminal or CI log.
 */
export interface Output {
  line(text?: string): void;
  /** Adds values to scrub from now on (known once the configuration is loaded). */
  addSecrets(values: readonly string[]): void;
  /** Scrubs text written by someone else (the vendor SDKs log to the console themselves). */
  redact(text: string): string;
}

const REDACTED = '***';

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short values would scrub ordinary words; real secrets are long.
    if (secret.length < 6) continue;
    out = out.split(secret).join(REDACTED);
  }
  return out;
}

export function createOutput(write: (text: string) => void): Output {
  const secrets: string[] = [];
  return {
    line(text = '') {
      write(`${redact(text, secrets)}\n`);
    },
    addSecrets(values) {
      for (const v of values) if (v && !secrets.includes(v)) secrets.push(v);
    },
    redact(text) {
      return redact(text, secrets);
    },
  };
}

/** An output that keeps lines in memory (tests and the summary). */
export function memoryOutput(): Output & { lines: string[]; text(): string } {
  const lines: string[] = [];
  const inner = createOutput((t) => lines.push(t.replace(/\n$/, '')));
  return { ...inner, lines, text: () => lines.join('\n') };
}
