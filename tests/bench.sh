#!/bin/sh
# bench.sh: make bench.  Generates content folders shaped like a health
# site's and times hbook on them (median of 5 runs) and its peak memory.
set -eu
cd "$(dirname "$0")/.."
B=build/bench
N=${BENCH_N:-1000}
mkdir -p "$B"
if [ ! -f "$B/c$N/.done" ]; then
	rm -rf "$B/c$N"
	mkdir -p "$B/c$N/images"
	awk -v n="$N" -v out="$B/c$N" -f tests/bench/gen-content.awk
	cp tests/bench/img-*.png "$B/c$N/images/"
	touch "$B/c$N/.done"
fi
echo "content: $N articles, $(du -sh "$B/c$N" | cut -f1) ($(cat "$B/c$N"/*/*.md | wc -c) bytes of Markdown)"
times=""
for run in 1 2 3 4 5; do
	t0=$(date +%s.%N)
	./hbook export -q "$B/c$N" -o "$B/book.epub"
	t1=$(date +%s.%N)
	times="$times $(awk "BEGIN { printf \"%.3f\", $t1 - $t0 }")"
done
median=$(echo $times | tr ' ' '\n' | sort -n | sed -n 3p)
echo "hbook export: median ${median} s over 5 runs (runs:$times)"
if [ -x /usr/bin/time ]; then
	/usr/bin/time -v ./hbook export -q "$B/c$N" -o "$B/book.epub" 2>"$B/time.txt"
	echo "hbook export: peak memory $(grep 'Maximum resident' "$B/time.txt" | awk '{print $6}') KB"
fi
echo "book: $(wc -c <"$B/book.epub") bytes"
