// How PT's native calls take arguments: an exact count, or the call throws
// 'Invalid arguments for IPC call "…"' (pt-script-modules.md §1.3;
// pt-labs-and-fidelity.md B1, live 9.0.0).

export function argumentsExactly(count: number, given: number, call: string): void {
  if (given !== count) throw new Error('Invalid arguments for IPC call "' + call + '"');
}
