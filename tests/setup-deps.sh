#!/bin/sh
# setup-deps.sh [--check] build|test|lint: installs what hbook needs with
# apt-get, only when it is missing, and says what it installs.
#   build: the C libraries (found through pkg-config) and a compiler
#   test:  EPUBCheck (Java), unzip, xmllint, python3, MuPDF, calibre and
#          DAISY Ace (npm, run with Debian's chromium) for the test suite
#   lint:  cppcheck and clang-tidy
# --check installs nothing: it names what is missing and fails (make's
# builds use it; they never install).
set -eu

check=0
if [ "${1:-}" = --check ]; then
	check=1
	shift
fi
missing=""
need() {    # need PACKAGE: add it to the list when dpkg does not have it
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $1"
}

case "${1:-build}" in
build)
	command -v cc >/dev/null 2>&1 || need gcc
	command -v make >/dev/null 2>&1 || need make
	command -v pkg-config >/dev/null 2>&1 || need pkg-config
	for pair in libcmark-gfm:libcmark-gfm-dev libxml-2.0:libxml2-dev \
	    yaml-0.1:libyaml-dev libzip:libzip-dev libcrypto:libssl-dev \
	    librsvg-2.0:librsvg2-dev libpng:libpng-dev libdeflate:libdeflate-dev \
	    vips:libvips-dev; do
		pc=${pair%%:*}
		pkg=${pair#*:}
		pkg-config --exists "$pc" 2>/dev/null || need "$pkg"
	done
	[ -f /usr/include/cmark-gfm-core-extensions.h ] ||
		need libcmark-gfm-extensions-dev
	# hbook's malloc; Debian ships no pkg-config file for it
	[ -f /usr/include/mimalloc.h ] || need libmimalloc-dev
	# the drawn cover's type
	[ -d /usr/share/fonts/truetype/dejavu ] || need fonts-dejavu-core
	;;
test)
	[ -f /usr/share/java/epubcheck.jar ] || need epubcheck
	command -v java >/dev/null 2>&1 || need default-jre-headless
	command -v unzip >/dev/null 2>&1 || need unzip
	command -v xmllint >/dev/null 2>&1 || need libxml2-utils
	command -v python3 >/dev/null 2>&1 || need python3
	# tests/site-check.py reads the sites' YAML as they do
	python3 -c 'import yaml' >/dev/null 2>&1 || need python3-yaml
	command -v mutool >/dev/null 2>&1 || need mupdf-tools
	command -v ebook-convert >/dev/null 2>&1 || need calibre
	command -v chromium >/dev/null 2>&1 || need chromium
	command -v npm >/dev/null 2>&1 || need npm
	;;
lint)
	command -v cppcheck >/dev/null 2>&1 || need cppcheck
	command -v clang-tidy >/dev/null 2>&1 || need clang-tidy
	;;
esac

if [ -n "$missing" ] && [ $check = 1 ]; then
	echo "hbook: missing packages:$missing" >&2
	echo "hbook: install them with: sh tests/setup-deps.sh ${1:-build}" \
		"(or apt-get install$missing)" >&2
	exit 1
fi
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
if [ -n "$missing" ]; then
	echo "hbook setup: installing with apt-get:$missing"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q >/dev/null
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
fi

# DAISY Ace comes from npm, not Debian; it drives the chromium above, so
# puppeteer downloads no browser of its own.
ACE_VERSION=1.4.6
if [ "${1:-build}" = test ] &&
    [ "$(ace-cli --version 2>/dev/null | tail -1)" != "$ACE_VERSION" ]; then
	echo "hbook setup: installing @daisy/ace-cli@$ACE_VERSION with npm"
	$SUDO env PUPPETEER_SKIP_DOWNLOAD=1 npm install -g -q --no-audit --no-fund \
		"@daisy/ace-cli@$ACE_VERSION" >/dev/null 2>&1 || {
		echo "hbook setup: npm could not install @daisy/ace-cli" >&2
		exit 1
	}
fi
