#!/usr/bin/env bash
# Regenerates the example reports in docs/examples/ from the starters (examples/so-demo and
# the sites `trang new` makes for each unit type) and from the complete sample units of
# tests/fixtures/check/*-day-du. The day is fixed (--today), and each site is copied outside
# git first, so the examples do not change with the clock or with this repository's history.
#
#   scripts/report-examples.sh            (uses target/debug/trang, building it if needed)
#   TRANG=target/release/trang scripts/report-examples.sh
set -euo pipefail

cd "$(dirname "$0")/.."
TRANG=${TRANG:-target/debug/trang}
[ -x "$TRANG" ] || cargo build --quiet
TRANG=$(realpath "$TRANG")
YEAR=2026
TODAY=2026-11-20
OUT=docs/examples
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp -r examples/so-demo "$work/so-demo"
"$TRANG" new "$work/so" --kind so --title "Sở Mẫu" >/dev/null 2>&1
"$TRANG" new "$work/huyen" --kind huyen --title "UBND huyện Mẫu" >/dev/null 2>&1
"$TRANG" new "$work/doanh-nghiep" --kind doanh-nghiep --title "Công ty Mẫu" >/dev/null 2>&1

mkdir -p "$OUT"
for site in so-demo so huyen doanh-nghiep; do
    name=$site
    [ "$site" = so-demo ] || name="trang-new-$site"
    for fmt in html md; do
        "$TRANG" report --root "$work/$site" --year "$YEAR" --today "$TODAY" \
            -o "$OUT/bao-cao-$YEAR-$name.$fmt" 2>/dev/null
    done
done
"$TRANG" report --root "$work/so-demo" --year "$YEAR" --today "$TODAY" --format csv \
    -o "$OUT/bao-cao-$YEAR-so-demo.csv" 2>/dev/null
"$TRANG" report --root "$work/so-demo" --year "$YEAR" --today "$TODAY" --lang en \
    -o "$OUT/report-$YEAR-so-demo.en.html" 2>/dev/null

# so-demo as a newsroom would keep it: the news section declares its kind, pages name their
# authors and photographers, and the history is in git (three commits, authors and dates set).
newsroom="$work/so-demo-git"
cp -r examples/so-demo "$newsroom"
sed -i 's/^weight = 2$/weight = 2\nkind = "news"/' "$newsroom/content/tin-tuc/_index.md"
sed -i 's/^date = 2026-01-05$/date = 2026-01-05\nauthors = ["Nguyễn Văn An"]/' "$newsroom/content/tin-tuc/chao-mung.md"
sed -i 's/^authors = \["Phòng Văn hóa - Thông tin"\]$/authors = ["Lê Thị Hoa", "Nguyễn Văn An"]\n[extra]\nnguoi_chup = "Trần Minh"/' \
    "$newsroom/content/tin-tuc/hoi-nghi-chuyen-doi-so.md"
sed -i 's/^date = 2026-03-02$/date = 2026-03-02\nauthors = ["Trần Minh"]/' "$newsroom/content/tin-tuc/tap-huan-an-toan-thong-tin.md"
commit() { # author date message paths…
    local author=$1 date=$2 message=$3
    shift 3
    git -C "$newsroom" add -- "$@"
    GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null \
        git -C "$newsroom" -c user.name="$author" -c user.email=bbt@example.gov.vn -c commit.gpgsign=false \
        commit -q -m "$message"
}
git -C "$newsroom" init -q
commit "Nguyễn Văn An" 2026-01-05T08:00:00+07:00 "Khai trương trang" \
    trang.toml static content/_index.md content/gioi-thieu content/thong-bao content/tin-tuc/_index.md \
    content/tin-tuc/chao-mung.md
commit "Lê Thị Hoa" 2026-02-10T15:00:00+07:00 "Tin hội nghị chuyển đổi số" content/tin-tuc/hoi-nghi-chuyen-doi-so.md
commit "Trần Minh" 2026-03-02T10:00:00+07:00 "Tin tập huấn" content/tin-tuc/tap-huan-an-toan-thong-tin.md
for fmt in html md; do
    "$TRANG" report --root "$newsroom" --year "$YEAR" --today "$TODAY" \
        -o "$OUT/bao-cao-$YEAR-so-demo-git.$fmt" 2>/dev/null
done
for fmt in html csv; do
    "$TRANG" report royalties --root "$newsroom" --from "$YEAR-01-01" --to "$YEAR-06-30" \
        -o "$OUT/nhuan-but-$YEAR-so-demo.$fmt" 2>/dev/null
done
# The summary lists each site by its folder; run it from the work folder for short names.
(cd "$work" && for fmt in html md csv; do
    "$TRANG" report --year "$YEAR" --today "$TODAY" so-demo so huyen doanh-nghiep \
        -o "tong-hop-$YEAR.$fmt" 2>/dev/null
done)
cp "$work"/tong-hop-$YEAR.* "$OUT/"

# The complete sample units (their content is dated 2025).
for unit in so huyen doanh-nghiep; do
    cp -r "tests/fixtures/check/$unit-day-du" "$work/$unit-day-du"
    for fmt in html md; do
        "$TRANG" report --root "$work/$unit-day-du" --year 2025 --today 2025-11-20 \
            -o "$OUT/bao-cao-2025-$unit-day-du.$fmt" 2>/dev/null
    done
done
(cd "$work" && "$TRANG" report --year 2025 --today 2025-12-10 so-day-du huyen-day-du doanh-nghiep-day-du \
    -o tong-hop-2025-day-du.html 2>/dev/null)
cp "$work/tong-hop-2025-day-du.html" "$OUT/"
ls "$OUT"
