// Progress lines of the bench, with the time of day. They go to stderr so that stdout carries only
// the report (the tables, the verdict and the SQL of --sql-log).

export const log = (message) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
