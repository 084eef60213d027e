#!/usr/bin/env bash
# Benchmark of codesocial against Hugo on the same Markdown (issue 8).
#
#   bash benches/bench.sh [OFFERS...]      default: 1000 5000 20000
#
# Environment: RUNS (timed runs per command, default 5), WORK (scratch folder, default a
# new temporary one, removed at the end unless KEEP=1), COMMITS (history length, default
# 20), LONG_COMMITS (length of the long history, default 5000; 0 skips it). For each size
# it generates a valid repository (offers, offers/10 principles, offers/10 members) and
# the equivalent bare Hugo site (examples/gen.rs --hugo), then alternates the runs of
# every command and prints medians, ratios and peak RSS. Every repository is committed
# with plain `git add` and `git commit`: its objects are loose (the count is printed).
# Then `log ID` and `diff --enforce` over a LONG_COMMITS-commit history, against
# `git log -- FILE`. Then (LATENCY_OFFERS, default 5000; 0 skips it) the save-to-page
# latency of `codesocial serve` against `hugo server` on the same content: EDITS (default
# 7) edits of one offer's Markdown, alternated between the two, each timed by
# benches/latency.py from the write to the first answer of the page that shows it. Then
# `import` of a document of IMPORT_CHAPTERS small chapters (default 20000; 0 skips it),
# and of one chapter of as many linked sections (linear in headings either way),
# with and without git: the files are staged, flushed to disk once and renamed into
# place, not flushed one by one.
# Not a test: .ci/run does not run it.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
COMMITS=${COMMITS:-20}
LONG_COMMITS=${LONG_COMMITS:-5000}
LATENCY_OFFERS=${LATENCY_OFFERS:-5000}
EDITS=${EDITS:-7}
IMPORT_CHAPTERS=${IMPORT_CHAPTERS:-20000}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 5000 20000)

need() { # need COMMAND PACKAGE: install a Debian package when its command is missing
    command -v "$1" >/dev/null 2>&1 && return
    echo "installing $2…" >&2
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "$2" >/dev/null
    else sudo apt-get update -qq && sudo apt-get install -y -qq "$2" >/dev/null; fi
}
need hugo hugo
need /usr/bin/time time
need bc bc
need python3 python3
need curl curl

cargo build --release --quiet --bin codesocial --example gen
BIN=$PWD/target/release/codesocial
GEN=$PWD/target/release/examples/gen

PIDS=()
REMOVE=
if [ -z "${WORK:-}" ]; then
    WORK=$(mktemp -d)
    [ "${KEEP:-0}" = 1 ] || REMOVE=1
fi
cleanup() { # the previews still running, then the scratch folder when it is ours
    [ ${#PIDS[@]} -eq 0 ] || { kill "${PIDS[@]}" 2>/dev/null; wait "${PIDS[@]}" 2>/dev/null; } || true
    [ -z "$REMOVE" ] || rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK"

# measure NAME CMD...: one run; appends "seconds rss_kib" to $WORK/NAME.times.
measure() {
    local name=$1; shift
    local start end
    start=$EPOCHREALTIME
    /usr/bin/time -f %M -o "$WORK/rss" "$@" >/dev/null 2>"$WORK/stderr" || {
        echo "failed: $*" >&2; cat "$WORK/stderr" >&2; exit 2; }
    end=$EPOCHREALTIME
    echo "$(echo "$end - $start" | bc -l) $(tail -n1 "$WORK/rss")" >>"$WORK/$name.times"
}

median() { # median COLUMN FILE
    sort -g -k"$1","$1" "$2" | awk -v c="$1" '{ v[NR] = $c } END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() { echo "scale=3; $1 / $2" | bc -l | sed 's/^\./0./'; }

declare -A BUILD_MEDIAN
echo "codesocial $("$BIN" --version | awk '{ print $2 }'), $(hugo version | awk '{ print $2 }'), \
$(git --version), $(nproc) cores, $RUNS alternated runs per command, medians"
for n in "${SIZES[@]}"; do
    repo=$WORK/repo-$n
    hugo_src=$WORK/hugo-$n
    if [ ! -d "$repo" ]; then
        "$GEN" "$repo" --offers "$n" --principles $((n / 10)) --members $((n / 10)) \
            --commits "$COMMITS" --hugo "$hugo_src" >/dev/null
    fi
    docs=$(find "$repo" -name '*.md' | wc -l)
    logged=catalogue/offre-$(printf %05d $((n / 2))).md
    logged_id=$(basename "$logged" .md)
    rm -f "$WORK"/*.times
    # Warm the page cache, and make sure everything succeeds before timing.
    "$BIN" check -q "$repo" >/dev/null
    hugo --quiet -s "$hugo_src" -d "$WORK/out/warm-$n" >/dev/null
    "$BIN" diff -C "$repo" HEAD~1 HEAD >/dev/null
    loose=$(git -C "$repo" count-objects -v | awk '$1 == "count:" { print $2 }')
    # Every run writes into a new folder, and nothing is deleted until the end: on ext4,
    # creating files right after deleting thousands is several times slower (the inode
    # allocator skips recently freed inodes), which would measure the previous run.
    for r in $(seq "$RUNS"); do
        measure hugo hugo --quiet -s "$hugo_src" -d "$WORK/out/hugo-$n-$r"
        measure build "$BIN" build -q "$repo" --out "$WORK/out/site-$n-$r"
        measure check "$BIN" check -q "$repo"
        measure gitdiff git -C "$repo" diff --stat HEAD~1 HEAD
        measure diff "$BIN" diff -C "$repo" HEAD~1 HEAD
        measure gitlog git -C "$repo" log --oneline -- "$logged"
        measure log "$BIN" log -C "$repo" "$logged_id"
    done
    pages=$(find "$WORK/out/site-$n-1" -name '*.html' | wc -l)
    hpages=$(find "$WORK/out/hugo-$n-1" -name '*.html' | wc -l)
    h=$(median 1 "$WORK/hugo.times"); hr=$(median 2 "$WORK/hugo.times")
    b=$(median 1 "$WORK/build.times"); br=$(median 2 "$WORK/build.times")
    c=$(median 1 "$WORK/check.times"); cr=$(median 2 "$WORK/check.times")
    gd=$(median 1 "$WORK/gitdiff.times"); d=$(median 1 "$WORK/diff.times")
    gl=$(median 1 "$WORK/gitlog.times"); l=$(median 1 "$WORK/log.times")
    BUILD_MEDIAN[$n]=$b
    echo
    echo "== $n offers: $docs Markdown documents; codesocial writes $pages pages, Hugo $hpages; $loose loose git objects"
    printf '%-32s %9s %11s  %s\n' command "median s" "peak RSS MB" ratio
    printf '%-32s %9.3f %11.1f\n' "hugo --quiet" "$h" "$(echo "$hr / 1024" | bc -l)"
    printf '%-32s %9.3f %11.1f  build/hugo = %s (target <= 1.0), RSS build/hugo = %s (<= 1.0)\n' \
        "codesocial build" "$b" "$(echo "$br / 1024" | bc -l)" "$(ratio "$b" "$h")" "$(ratio "$br" "$hr")"
    printf '%-32s %9.3f %11.1f  check/hugo = %s (target <= 0.25)\n' \
        "codesocial check" "$c" "$(echo "$cr / 1024" | bc -l)" "$(ratio "$c" "$h")"
    printf '%-32s %9.3f\n' "git diff --stat HEAD~1 HEAD" "$gd"
    printf '%-32s %9.3f %11s  diff/git-diff = %s (target <= 2)\n' \
        "codesocial diff HEAD~1 HEAD" "$d" "" "$(ratio "$d" "$gd")"
    printf '%-32s %9.3f\n' "git log -- ONE-FILE" "$gl"
    printf '%-32s %9.3f %11s  log/git-log = %s\n' "codesocial log ID" "$l" "" "$(ratio "$l" "$gl")"
done

if [ "$LONG_COMMITS" -gt 0 ]; then
    long=$WORK/long-$LONG_COMMITS
    if [ ! -d "$long" ]; then
        echo "generating a history of $LONG_COMMITS commits…" >&2
        "$GEN" "$long" --offers 1000 --principles 100 --members 100 \
            --commits "$LONG_COMMITS" >/dev/null
    fi
    # The document edited by the last commit: its history is spread over the whole range.
    file=$(git -C "$long" diff --name-only HEAD~1 HEAD | head -n1)
    id=$(basename "$file" .md)
    first=$(git -C "$long" rev-list --max-parents=0 HEAD)
    touched=$(git -C "$long" log --oneline -- "$file" | wc -l)
    rm -f "$WORK"/*.times
    "$BIN" log -C "$long" "$id" >/dev/null
    "$BIN" diff -C "$long" "$first..HEAD" --enforce >/dev/null
    for r in $(seq "$RUNS"); do
        measure gitlog git -C "$long" log --oneline -- "$file"
        measure log "$BIN" log -C "$long" "$id"
        measure enforce "$BIN" diff -C "$long" "$first..HEAD" --enforce
    done
    gl=$(median 1 "$WORK/gitlog.times"); l=$(median 1 "$WORK/log.times")
    e=$(median 1 "$WORK/enforce.times")
    echo
    echo "== a history of $LONG_COMMITS commits (1000 offers), one document touched by $touched of them"
    printf '%-32s %9s  %s\n' command "median s" ratio
    printf '%-32s %9.3f\n' "git log -- FILE" "$gl"
    printf '%-32s %9.3f  log/git-log = %s\n' "codesocial log ID" "$l" "$(ratio "$l" "$gl")"
    printf '%-32s %9.3f  enforce/git-log = %s\n' "codesocial diff --enforce" "$e" "$(ratio "$e" "$gl")"
fi

# Hostile input (issue 14): a principle's body rewritten as one paragraph of 5,000 and of
# 100,000 distinct words (`diff --enforce --format markdown`, `log`), and 2,000 broken
# links plus one 30,000-character link target (`check`). Each must stay well under a
# second; before the bounds they took 46 s, >120 s and 8–30 s. Then one line of 300,000
# broken links (`[x](#nope-N)`, `[x](missing-N.md)`, 5.6 MB; `check`), which took 174 s
# when each link's place was searched for in a list (round 9), and 20,000 headings each
# followed by a broken anchor.
hostile=$WORK/hostile
rm -rf "$hostile"; cp -r examples/cheznous "$hostile"
(cd "$hostile" && git init -q -b main && git add -A \
    && git -c user.name=B -c user.email=b@x commit -qm init)
T=principes/social-humain/decision-par-consentement.md
words() { python3 -c "import random,sys; random.seed($2); print(' '.join('$1%d' % random.randrange(10**6) for _ in range($3)))"; }
rm -f "$WORK"/*.times
for n in 5000 100000; do
    for seed in 1 2; do
        head -n "$(grep -n '^---$' "$hostile/$T" | sed -n 2p | cut -d: -f1)" "$hostile/$T" >"$WORK/fm"
        { cat "$WORK/fm"; echo; words "w$seed" "$seed" "$n"; } >"$hostile/$T"
        git -C "$hostile" -c user.name=B -c user.email=b@x commit -qam "s$seed"
    done
    for r in $(seq "$RUNS"); do
        measure "wdiff$n" sh -c "'$BIN' diff -C '$hostile' HEAD~1 HEAD --enforce --format markdown || true"
    done
done
python3 -c "print('\n' + '[x](y) ' * 2000 + '[x](' + 'y' * 30000 + ')')" >>"$hostile/$T"
for r in $(seq "$RUNS"); do
    measure links sh -c "'$BIN' check -C '$hostile' || true"
done
git -C "$hostile" checkout -q -- "$T"
cp "$hostile/$T" "$WORK/principle"
python3 -c "print(' '.join('[x](#nope-%d)' % i if i % 2 == 0 else '[x](missing-%d.md)' % i for i in range(300000)))" >>"$hostile/$T"
for r in $(seq "$RUNS"); do
    measure longline sh -c "'$BIN' check -C '$hostile' || true"
done
cp "$WORK/principle" "$hostile/$T"
python3 -c "print('\n\n'.join('# h%d\n\n[x](#nope-%d)' % (i, i) for i in range(20000)))" >>"$hostile/$T"
for r in $(seq "$RUNS"); do
    measure headings sh -c "'$BIN' check -C '$hostile' || true"
done
echo
echo "== hostile input (medians)"
printf '%-48s %9.3f s\n' "diff of a 5,000-word paragraph rewrite" "$(median 1 "$WORK/wdiff5000.times")"
printf '%-48s %9.3f s\n' "diff of a 100,000-word paragraph rewrite" "$(median 1 "$WORK/wdiff100000.times")"
printf '%-48s %9.3f s\n' "check with 2,001 broken links (one 30,000 chars)" "$(median 1 "$WORK/links.times")"
printf '%-48s %9.3f s\n' "check, 300,000 broken links on one line" "$(median 1 "$WORK/longline.times")"
printf '%-48s %9.3f s\n' "check, 20,000 headings and broken anchors" "$(median 1 "$WORK/headings.times")"
# wait_up URL: until something answers there (a first build may take seconds).
wait_up() {
    local i
    for i in $(seq 600); do
        curl -sf -o /dev/null "$1" && return
        sleep 0.1
    done
    echo "nothing answered at $1" >&2; exit 2
}

if [ "$LATENCY_OFFERS" -gt 0 ]; then
    n=$LATENCY_OFFERS
    repo=$WORK/latency-$n
    hugo_src=$WORK/latency-hugo-$n
    [ -d "$repo" ] || "$GEN" "$repo" --offers "$n" --principles $((n / 10)) \
        --members $((n / 10)) --commits "$COMMITS" --hugo "$hugo_src" >/dev/null
    id=offre-$(printf %05d $((n / 2)))
    cs_port=$((20000 + RANDOM % 10000)); hugo_port=$((cs_port + 1))
    "$BIN" serve -q "$repo" --port "$cs_port" >"$WORK/serve.log" 2>&1 &
    PIDS+=($!)
    hugo server --quiet -s "$hugo_src" --port "$hugo_port" --bind 127.0.0.1 \
        >"$WORK/hugo-server.log" 2>&1 &
    PIDS+=($!)
    cs_url=http://127.0.0.1:$cs_port/catalogue/$id/index.html
    hugo_url=http://127.0.0.1:$hugo_port/catalogue/$id/
    wait_up "$cs_url"; wait_up "$hugo_url"
    rm -f "$WORK"/*.times
    for r in $(seq "$EDITS"); do
        python3 benches/latency.py "$repo/catalogue/$id.md" "$cs_url" "cs$r$RANDOM" >>"$WORK/cs.times"
        sleep 1
        python3 benches/latency.py "$hugo_src/content/catalogue/$id.md" "$hugo_url" "hu$r$RANDOM" \
            >>"$WORK/hugo.times"
        sleep 1
    done
    kill "${PIDS[@]}" 2>/dev/null; wait "${PIDS[@]}" 2>/dev/null || true
    PIDS=()
    c=$(median 1 "$WORK/cs.times"); h=$(median 1 "$WORK/hugo.times")
    echo
    echo "== save-to-page latency, $n offers: one offer's body edited, $EDITS edits each, alternated"
    printf '%-32s %9s  %s\n' preview "median s" ratio
    printf '%-32s %9.3f   (%s)\n' "hugo server" "$h" "$(sort -g "$WORK/hugo.times" | tr '\n' ' ')"
    printf '%-32s %9.3f   (%s) serve/hugo = %s (target <= 0.5)\n' "codesocial serve" "$c" \
        "$(sort -g "$WORK/cs.times" | tr '\n' ' ')" "$(ratio "$c" "$h")"
fi

if [ "$IMPORT_CHAPTERS" -gt 0 ]; then
    doc=$WORK/import-$IMPORT_CHAPTERS.md
    {
        printf '# Raison d’être\n\nNous réparons les objets du quartier.\n'
        for i in $(seq "$IMPORT_CHAPTERS"); do
            printf '\n# Chapitre %s\n\nLe chapitre %s tient en une phrase.\n' "$i" "$i"
        done
    } >"$doc"
    # The same number of headings in one chapter, each linked to: linear too (import16).
    sections=$WORK/import-sections-$IMPORT_CHAPTERS.md
    {
        printf '# Raison d’être

Nous réparons les objets du quartier.
'
        for i in $(seq "$IMPORT_CHAPTERS"); do
            printf '
## Section %s

Voir [la première](#section-1).
' "$i"
        done
    } >"$sections"
    rm -f "$WORK"/*.times
    for r in $(seq "$RUNS"); do
        measure importsections "$BIN" import -q "$sections" "$WORK/out/import-sections-$r" --no-git
        measure import "$BIN" import -q "$doc" "$WORK/out/import-$r" --no-git
        measure importgit "$BIN" import -q "$doc" "$WORK/out/import-git-$r"
    done
    files=$(find "$WORK/out/import-1" -type f | wc -l)
    i=$(median 1 "$WORK/import.times"); ir=$(median 2 "$WORK/import.times")
    ig=$(median 1 "$WORK/importgit.times")
    echo
    echo "== import of a document of $IMPORT_CHAPTERS chapters ($(du -k "$doc" | cut -f1) KiB): $files files written"
    printf '%-32s %9s %11s\n' command "median s" "peak RSS MB"
    printf '%-32s %9.3f %11.1f\n' "codesocial import --no-git" "$i" "$(echo "$ir / 1024" | bc -l)"
    printf '%-32s %9.3f\n' "codesocial import (one commit)" "$ig"
    printf '%-32s %9.3f\n' "import, headings in one chapter" "$(median 1 "$WORK/importsections.times")"
fi

if [ ${#SIZES[@]} -gt 1 ]; then
    first=${SIZES[0]}
    echo
    echo "== scaling of build (time relative to $first offers; linear = size ratio)"
    for n in "${SIZES[@]}"; do
        printf '%6s offers: size x%-6s time x%s\n' "$n" "$(ratio "$n" "$first")" \
            "$(ratio "${BUILD_MEDIAN[$n]}" "${BUILD_MEDIAN[$first]}")"
    done
fi
