/** Where progress goes: a text stream such as process.stderr (nothing in tests). */
export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export type Progress = (done: number, label: string) => void;

/** A one-line progress bar of `total` steps, redrawn in place on a terminal and logged per step otherwise. */
export function progressBar(sink: ProgressSink | undefined, total: number, width = 30): Progress {
  if (!sink) return () => undefined;
  const started = Date.now();
  return (done, label) => {
    const ratio = Math.min(1, done / total);
    const filled = Math.round(ratio * width);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${seconds}s ${label}`;
    sink.write(sink.isTTY ? `\r${line.padEnd(90)}${ratio >= 1 ? '\n' : ''}` : `${line}\n`);
  };
}
