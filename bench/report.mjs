// The report on stdout: a Markdown table of the runs, the database checks of each approve run,
// and then either the ratios with the verdict or, when a run is invalid, the list of invalid runs
// and why, with no verdict at all.

/** Prints the results as Markdown tables and sentences on stdout. */
export function print(result) {
  const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
  const out = [];
  if (result.rows.length > 0) {
    out.push(
      '| run | 2xx | req/s (2xx) | p50 ms | p99 ms | non-2xx / errors | peak RSS MB | CPU ms/req: service / PostgreSQL / load generator | machine busy (others) | valid |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
      ...result.rows.map(
        (r) =>
          `| ${r.name} | ${r.ok_requests} | ${r.valid ? fmt(r.req_per_s) : 'invalid'} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.non2xx} / ${r.errors} | ${fmt(r.peakRssMb)} | ${fmt(r.cpu.serviceMs, 2)} / ${fmt(r.cpu.postgresMs, 2)} / ${fmt(r.cpu.benchMs, 2)} | ${r.cpu.machineBusyPct}% (${r.cpu.otherProcessesPct}%) | ${r.valid ? 'yes' : 'NO'} |`,
      ),
      '',
    );
  }
  for (const r of result.rows) {
    if (r.checks) {
      const c = r.checks;
      out.push(
        `${r.name}: ${c.held ? 'guarantees held' : 'GUARANTEES BROKEN'}: ${c.targets_taken} targets sent, ${c.ok_responses} answered 2xx, ${c.completed} COMPLETED, ${c.events} events, ${c.contradictions} contradictions, ${c.untaken_touched} of ${c.untaken} unsent targets touched, ${c.persons_with_two_active_own_methods} persons with two active own methods; targets ${r.targets.seeded} seeded (sized for ${r.targets.sized_for_per_s}/s, ${r.targets.refills} top-ups).`,
      );
    }
    if (r.tables)
      out.push(
        `${r.name}: ${Object.entries(r.tables)
          .map(([table, n]) => `${table} ${n.toLocaleString('en')}`)
          .join(
            ', ',
          )} rows (filler + approve targets); filler seeded in ${r.seedSeconds.toFixed(0)} s.`,
      );
    if (r.instances > 1)
      out.push(
        `${r.name}: per instance 2xx ${r.per_instance.map((p) => p.ok_requests).join(' + ')} (connections ${r.per_instance.map((p) => p.connections).join(' + ')}).`,
      );
  }
  if (result.scaleOut) out.push(`Scale-out: ${result.scaleOut}`);
  out.push(
    result.memory.measured
      ? `Memory (read endpoint, instance 1): ${result.memory.steps.map((m) => `RSS ${m.rssMb.toFixed(1)} MB after ${m.requests} requests and a full collection (${m.rss_before_full_gc_mb.toFixed(1)} MB before it)`).join(', ')}.`
      : 'Memory: not measured (BENCH_MEMORY=1 measures it).',
    result.startup.measured
      ? `Start to ready (embedded database, initialised DATA_DIR): ${result.startup.valid ? `${result.startup.runs_ms.join(', ')} ms, median ${result.startup.median_ms} ms` : 'INVALID'}.`
      : 'Start to ready: not measured.',
    '',
  );
  if (!result.valid) {
    out.push('INVALID RUNS — no verdict (exit code 2):');
    for (const r of result.invalid_runs) out.push(`- ${r.name}: ${r.reason}`);
  } else {
    out.push('| target | measured | verdict |', '|---|---:|---|');
    for (const r of Object.values(result.ratios))
      out.push(`| ${r.target} | ${r.detail} = **${r.measured}** | ${r.verdict} |`);
    for (const r of Object.values(result.not_measured))
      out.push(`| ${r.target} | — | not measured (${r.note}) |`);
    out.push('', `Verdict: ${result.verdict}.`);
  }
  process.stdout.write(`\n${out.join('\n')}\n`);
}
