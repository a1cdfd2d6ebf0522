#!/bin/sh
# bench.sh: make bench.  A benchmark, not a test: it prints figures.
#   - content folders of 1,000 and 10,000 generated articles shaped like a
#     health site's (tests/bench/gen-content.awk);
#   - hbook export on each: median of 5 runs, peak memory (/usr/bin/time);
#   - pandoc on the same 1,000 articles three times, hbook seven times
#     after each (drawing its cover, and with it given, as pandoc makes
#     none), and the ratios of their medians;
#   - the floor (tests/bench/floor.c: read, cmark-gfm, deflate alone) and
#     hbook as a multiple of it;
#   - hbook's time per stage (--timings) and per deflate level.
# BENCH_SIZES overrides the sizes (e.g. "1000"); BENCH_PANDOC=0 skips pandoc.
set -eu
cd "$(dirname "$0")/.."
B=build/bench
SIZES=${BENCH_SIZES:-1000 10000}
mkdir -p "$B"
for tool in pandoc /usr/bin/time bc unzip; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		pkg=$tool
		[ "$tool" = /usr/bin/time ] && pkg=time
		echo "bench: installing $pkg with apt-get"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "$pkg" >/dev/null
	fi
done
cc -O2 -Isrc -o "$B/floor" tests/bench/floor.c src/gfm.c $(pkg-config --cflags --libs \
	libcmark-gfm zlib libdeflate) -lcmark-gfm-extensions

gen() {
	if [ ! -f "$B/c$1/.done" ]; then
		rm -rf "$B/c$1"
		mkdir -p "$B/c$1/images"
		awk -v n="$1" -v out="$B/c$1" -f tests/bench/gen-content.awk
		cp tests/bench/img-*.png "$B/c$1/images/"
		touch "$B/c$1/.done"
	fi
}

# one run of "$@", in seconds: bash's clock, read without a process of
# its own (date(1) in $(...) added 1.5 ms to every run)
elapsed() {
	bash -c 't0=$EPOCHREALTIME; "$@" >/dev/null 2>&1; t1=$EPOCHREALTIME
		echo "$t1 - $t0" | bc' elapsed "$@"
}

# median of N (odd) runs of "$@", in seconds
median() {
	n=$1
	shift
	for run in $(seq "$n"); do
		elapsed "$@"
	done | sort -n | sed -n "$(( (n + 1) / 2 ))p"
}

LEVEL=$(./hbook export --help | sed -n 's/.*--compress fast|best.*default \([0-9]*\).*/\1/p')
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for n in $SIZES; do
	gen "$n"
	md=$(cat "$B/c$n"/*/*.md | wc -c)
	t=$(median 5 ./hbook export -q "$B/c$n" -o "$B/book$n.epub")
	/usr/bin/time -v ./hbook export -q "$B/c$n" -o "$B/book$n.epub" 2>"$B/time$n.txt"
	mem=$(awk '/Maximum resident/ {print $6}' "$B/time$n.txt")
	# the floor at hbook's own deflater and level (hbook --help says it)
	fl=$("$B/floor" "$B/c$n" "$LEVEL")
	ft=$(echo "$fl" | sed -n '2s/.*total \([0-9.]*\) s/\1/p')
	fz=$(echo "$fl" | sed -n '1s/.*total \([0-9.]*\) s/\1/p')
	eval "T$n=$t M$n=$mem"
	echo "hbook $n articles ($md bytes of Markdown): median $t s of 5 runs, peak memory $((mem / 1024)) MB, book $(wc -c <"$B/book$n.epub") bytes"
	echo "$fl" | sed 's/^/  /'
	echo "  hbook is $(echo "scale=2; $t / $ft" | bc)x the floor ($(echo "scale=2; $t / $fz" | bc)x the zlib-6 floor)"
	./hbook export -q --timings "$B/c$n" -o "$B/book$n.epub" 2>&1 | sed 's/^hbook: timing: /  stage /'
	for lv in fast best; do
		echo "  --compress $lv: $(median 5 ./hbook export -q --compress $lv "$B/c$n" -o "$B/x.epub") s, $(wc -c <"$B/x.epub") bytes"
	done
	echo "  -j 1: $(median 5 ./hbook export -q -j 1 "$B/c$n" -o "$B/x.epub") s"
done
case " $SIZES " in
*" 1000 "*)
	case " $SIZES " in *" 10000 "*) ;; *) T10000= ;; esac
	[ -n "${T10000:-}" ] && echo "growth 1,000 -> 10,000: time x$(echo "scale=2; $T10000 / $T1000" | bc), memory x$(echo "scale=2; $M10000 / $M1000" | bc) (linear would be x10; target at most x12)"
	;;
esac
# the picture stage: a real site's 82 pictures (screenshots with EXIF,
# some over 1600 pixels), with and without it
S=${CORPORA:-../shared/corpora}/sites/docusaurus-tuva
if [ -d "$S" ]; then
	echo "pictures, the Docusaurus site (82): median $(median 3 ./hbook export -q "$S" -o "$B/x.epub") s, book $(wc -c <"$B/x.epub") bytes; --images original: $(median 3 ./hbook export -q --images original "$S" -o "$B/x.epub") s, $(wc -c <"$B/x.epub") bytes"
fi
if [ "${BENCH_PANDOC:-1}" != 0 ] && [ -d "$B/c1000" ]; then
	# pandoc three times, hbook seven times after each: this host's load
	# changes from minute to minute, so the two are timed in turns over
	# the same minute and each gets its median.  pandoc makes no cover;
	# hbook draws one, so it is also timed with that cover given
	# (--cover), which leaves it the work pandoc does.
	./hbook export -q "$B/c1000" -o "$B/book1000.epub"
	unzip -p "$B/book1000.epub" EPUB/images/cover.png >"$B/cover.png"
	: >"$B/pandoc-times.txt"
	: >"$B/hbook-times.txt"
	: >"$B/given-times.txt"
	for k in 1 2 3; do
		elapsed /usr/bin/time -v -o "$B/pandoc-time.txt" pandoc \
			-f markdown --toc -o "$B/pandoc.epub" \
			"$B"/c1000/*/*.md >>"$B/pandoc-times.txt"
		for run in 1 2 3 4 5 6 7; do
			elapsed ./hbook export -q "$B/c1000" \
				-o "$B/book1000.epub" >>"$B/hbook-times.txt"
			elapsed ./hbook export -q --cover "$B/cover.png" \
				"$B/c1000" -o "$B/x.epub" >>"$B/given-times.txt"
		done
	done
	pt=$(sort -n "$B/pandoc-times.txt" | sed -n 2p)
	th=$(sort -n "$B/hbook-times.txt" | sed -n 11p)
	tg=$(sort -n "$B/given-times.txt" | sed -n 11p)
	pm=$(awk '/Maximum resident/ {print $6}' "$B/pandoc-time.txt")
	echo "pandoc 1000 articles: median $pt s of 3 runs ($(sort -n "$B/pandoc-times.txt" | tr '\n' ' ')), peak memory $((pm / 1024)) MB"
	echo "hbook on the same 1000 articles, 7 runs after each of pandoc's: median $th s of 21, drawing its cover"
	echo "hbook is $(echo "scale=1; $pt / $th" | bc)x faster than pandoc on 1,000 articles (target 100x)"
	echo "with the cover given (--cover; pandoc makes none): median $tg s of 21, $(echo "scale=1; $pt / $tg" | bc)x faster"
fi
