# tests/cpu.sh: sourced by run.sh and robust/run.sh.
#
#   cpu_ms FILE   the processor time, in milliseconds, that an export run
#                 with --timings printed to FILE (its diagnostics)
#
# The tests that guard against work growing faster than the input measure
# this and not wall time: CI shares its machine with other jobs (DAISY Ace
# runs alongside), and a run that waited for a core once took 2.4 s for
# 0.4 s of work.  It is hbook's own time (getrusage), so background jobs
# the shell reaps meanwhile do not count either, as they would with
# `times`.
cpu_ms() {
	sed -n 's/^hbook: timing: total .*(processor \([0-9.]*\) s.*/\1/p' "$1" |
	    awk '{ printf "%d", $1 * 1000 } END { if (NR == 0) print 999999 }'
}
