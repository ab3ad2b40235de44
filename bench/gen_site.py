#!/usr/bin/env python3
"""Deterministic generator of realistic Vietnamese sites for benchmarks.

Writes the same content twice: a trang/Zola site (`@/` internal links) and a Hugo site
(plain internal links, minimal templates), so both tools build the same corpus.

    bench/gen_site.py N OUT_DIR            # OUT_DIR/trang, OUT_DIR/hugo

Pages: N over 8 sections (tin-tuc, van-ban, thong-bao, ...), 300-1,500 words each drawn
from real Vietnamese text (QĐ 14/2015/QĐ-UBND, bench/corpus-qd14.txt) with a bigram chain,
headings, lists, tables, internal links and TOML front matter with tags.
"""
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SECTIONS = [
    ("tin-tuc", "Tin tức - Sự kiện"),
    ("van-ban", "Văn bản chỉ đạo, điều hành"),
    ("thong-bao", "Thông báo"),
    ("hoat-dong", "Hoạt động của đơn vị"),
    ("chinh-sach", "Chiến lược, định hướng, quy hoạch"),
    ("du-an", "Dự án, hạng mục đầu tư"),
    ("hoi-dap", "Hỏi đáp"),
    ("su-kien", "Lịch công tác"),
]
TAGS = [
    "Chuyển đổi số", "Cải cách hành chính", "Đất đai", "Môi trường", "Giáo dục", "Y tế",
    "Văn hóa", "Du lịch", "Nông nghiệp", "Giao thông", "Đầu tư", "Tài chính", "Xây dựng",
    "Lao động", "An ninh", "Quốc phòng", "Thông tin", "Truyền thông", "Khoa học", "Công nghệ",
    "Thủy lợi", "Phòng chống thiên tai", "Dân tộc", "Tôn giáo", "Thanh tra", "Tư pháp",
    "Nội vụ", "Công thương", "Kế hoạch", "Thể thao", "Gia đình", "Trẻ em", "Thanh niên",
    "Phụ nữ", "Hội nông dân", "Cựu chiến binh", "Mặt trận", "Biên giới", "Hải quan",
    "Thuế", "Ngân hàng", "Bảo hiểm", "Năng lượng", "Khoáng sản", "Lâm nghiệp", "Thủy sản",
    "Đô thị", "Nông thôn mới", "Di tích", "Lễ hội",
]


def vocabulary():
    with open(os.path.join(HERE, "corpus-qd14.txt"), encoding="utf-8") as f:
        text = unicodedata.normalize("NFC", f.read())
    words = re.findall(r"[^\W\d_]+", text)
    words = [w.lower() for w in words if len(w) > 0]
    nxt = {}
    for a, b in zip(words, words[1:]):
        nxt.setdefault(a, []).append(b)
    return words, nxt


def sentence(rng, words, nxt, n):
    w = rng.choice(words)
    out = [w]
    for _ in range(n - 1):
        choices = nxt.get(w)
        w = rng.choice(choices) if choices and rng.random() < 0.85 else rng.choice(words)
        out.append(w)
    s = " ".join(out)
    return s[0].upper() + s[1:] + "."


def title(rng, words, nxt):
    s = sentence(rng, words, nxt, rng.randint(5, 11))[:-1]
    return s


def page_body(rng, words, nxt, link_targets, hugo):
    target_words = rng.randint(300, 1500)
    parts, count, h = [], 0, 0
    while count < target_words:
        r = rng.random()
        if r < 0.12:
            h += 1
            parts.append("## " + title(rng, words, nxt))
        elif r < 0.20:
            items = [sentence(rng, words, nxt, rng.randint(4, 12)) for _ in range(rng.randint(2, 5))]
            parts.append("\n".join("- " + i for i in items))
            count += sum(len(i.split()) for i in items)
        elif r < 0.24:
            rows = ["| STT | Nội dung | Đơn vị thực hiện |", "|---|---|---|"]
            for i in range(rng.randint(2, 6)):
                c1 = sentence(rng, words, nxt, rng.randint(3, 8))
                c2 = sentence(rng, words, nxt, rng.randint(2, 4))
                rows.append(f"| {i + 1} | {c1} | {c2} |")
                count += len(c1.split()) + len(c2.split())
            parts.append("\n".join(rows))
        else:
            sents = [sentence(rng, words, nxt, rng.randint(8, 25)) for _ in range(rng.randint(2, 5))]
            para = " ".join(sents)
            if link_targets and rng.random() < 0.3:
                sec, slug = rng.choice(link_targets)
                href = f"/{sec}/{slug}/" if hugo else f"@/{sec}/{slug}.md"
                para += f" Xem thêm [bài liên quan]({href})."
            parts.append(para)
            count += len(para.split())
    return "\n\n".join(parts) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


HUGO_BASEOF = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="/">{{ .Site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time>{{ .Content }}</article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "02/01/2006" }}<p>{{ .Summary | plainify | truncate 200 }}</p></li>{{ end }}</ul>{{ template "_internal/pagination.html" . }}{{ end }}
"""


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20150608 + n)
    words, nxt = vocabulary()
    pages = []
    for i in range(n):
        sec = SECTIONS[i % len(SECTIONS)][0]
        pages.append((sec, f"bai-{i:05d}"))
    for flavour in ("trang", "hugo"):
        rng = random.Random(20150608 + n)
        root = os.path.join(out, flavour)
        hugo = flavour == "hugo"
        if hugo:
            write(os.path.join(root, "hugo.toml"),
                  'baseURL = "https://bench.example.gov.vn/"\ntitle = "Sở Thử nghiệm"\nlanguageCode = "vi"\n'
                  'disableKinds = ["RSS", "sitemap", "robotsTXT"]\n[pagination]\npagerSize = 20\n'
                  '[taxonomies]\ntag = "tags"\n')
            write(os.path.join(root, "layouts/_default/baseof.html"), HUGO_BASEOF)
            write(os.path.join(root, "layouts/_default/single.html"), HUGO_SINGLE)
            write(os.path.join(root, "layouts/_default/list.html"), HUGO_LIST)
        else:
            write(os.path.join(root, "trang.toml"),
                  'title = "Sở Thử nghiệm"\nbase_url = "https://bench.example.gov.vn"\n'
                  'unit_type = "department"\npaginate_by = 20\n\n[[taxonomies]]\nname = "tags"\ntitle = "Chủ đề"\n')
        write(os.path.join(root, "content/_index.md"), '+++\ntitle = "Sở Thử nghiệm"\n+++\nTrang chủ.\n')
        for sec, name in SECTIONS:
            write(os.path.join(root, "content", sec, "_index.md"),
                  f'+++\ntitle = "{name}"\n+++\n{sentence(rng, words, nxt, 20)}\n')
        for i, (sec, slug) in enumerate(pages):
            t = title(rng, words, nxt).replace('"', "")
            month, day = 1 + (i * 7) % 12, 1 + (i * 13) % 28
            year = 2015 + (i % 11)
            tags = rng.sample(TAGS, rng.randint(1, 3))
            earlier = pages[max(0, i - 200):i]
            body = page_body(rng, words, nxt, earlier, hugo)
            fm = (f'+++\ntitle = "{t}"\ndate = {year:04d}-{month:02d}-{day:02d}\n'
                  f'slug = "{slug}"\n'
                  f'[taxonomies]\ntags = [{", ".join(chr(34) + x + chr(34) for x in tags)}]\n+++\n')
            if hugo:
                fm = fm.replace("[taxonomies]\n", "")
            write(os.path.join(root, "content", sec, slug + ".md"), fm + body)


if __name__ == "__main__":
    main()
