// Preloaded (node --require) into a command the benchmarks run, to report the process's peak
// resident memory as the kernel measured it, however briefly it lasted.
process.on('exit', () => {
  process.stderr.write(`PEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
