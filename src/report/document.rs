//! A report laid out as a document, and that document as HTML, Markdown or CSV.
//!
//! Why a layer between the models and the formats: the three reports share one layout (the
//! heading of a Vietnamese administrative document, numbered parts, tables, a signature
//! block; Nghị định 30/2020/NĐ-CP), and every format should show the same thing. Layouts
//! ([`super::layout`]) build a [`Document`] with the text already in the report's language
//! and the numbers already formatted; the renderers here only arrange and escape.
//!
//! The HTML is one self-contained page (no script, no external file) sized for A4, in Times
//! New Roman 13 pt as official documents are; printing it from a browser gives the paper to
//! sign and stamp.

use super::t;
use crate::regulation::Lang;
use std::fmt::Write;

/// A document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub lang: Lang,
    pub head: Head,
    /// "BÁO CÁO".
    pub title: String,
    /// Lines under the title.
    pub subtitle: Vec<String>,
    /// "Kính gửi: …".
    pub recipient: Option<String>,
    pub blocks: Vec<Block>,
    pub signature: Signature,
}

/// The heading: issuer on the left, national motto and date line on the right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The governing body, above the issuer.
    pub parent: Option<String>,
    pub issuer: String,
    /// "Số: ……/BC-……", left to fill in by hand.
    pub number: Option<String>,
    /// "Ninh Bình, ngày …… tháng …… năm 2026".
    pub date_line: String,
}

/// A part of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// Label: value lines.
    Facts(Vec<(String, String)>),
    Bullets(Vec<String>),
    Table(Table),
    /// Dotted lines to write on by hand.
    FillIn(usize),
}

/// A table. Cells are display text; `numeric` columns are right-aligned.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub numeric: Vec<bool>,
    /// Columns kept on one line (dates, citations).
    pub nowrap: Vec<bool>,
    /// A last row in bold (totals).
    pub total: Option<Vec<String>>,
}

/// "Nơi nhận" on the left, one or more signers on the right.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signature {
    /// Recipients of copies; empty: no "Nơi nhận" block.
    pub copies: Vec<String>,
    pub signers: Vec<Signer>,
}

/// One signer: position (upper case), a note such as "(Ký, ghi rõ họ tên, đóng dấu)", name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub title: String,
    pub note: String,
    pub name: Option<String>,
}

/// A table for CSV: raw values (ISO dates, plain numbers).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CsvTable {
    /// Written on its own line above the table when the file holds several tables.
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The dotted blank of forms.
pub const BLANK: &str = "……";

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "@page{size:A4;margin:20mm 15mm 20mm 30mm}
body{font-family:\"Times New Roman\",Times,serif;font-size:13pt;line-height:1.35;color:#000;background:#fff;max-width:165mm;margin:0 auto}
@media screen{body{margin:2em auto;padding:0 1em}}
table.head{width:100%;border-collapse:collapse;margin-bottom:1em;font-size:12.5pt}
table.head td{vertical-align:top;text-align:center;padding:0}
table.head td.issuer{width:40%}
table.head td.state{width:60%;white-space:nowrap}
.upper{text-transform:uppercase}
.motto{font-weight:bold;text-decoration:underline}
.date{font-style:italic;margin-top:.6em}
h1{font-size:14pt;text-align:center;margin:1.2em 0 0}
p.subtitle{text-align:center;font-weight:bold;margin:.2em 0}
p.recipient{text-align:center;margin:1em 0}
h2{font-size:13pt;margin:1.2em 0 .4em}
table.data{border-collapse:collapse;width:100%;font-size:11pt;margin:.4em 0 .8em;page-break-inside:auto}
table.data th,table.data td{border:1px solid #000;padding:2px 4px;vertical-align:top}
table.data th{text-align:center}
table.data td.n{text-align:right;white-space:nowrap}
table.data td.k{white-space:nowrap}
table.data tr.total td{font-weight:bold}
table.data tr{page-break-inside:avoid}
dl.facts{margin:.2em 0}
dl.facts dt{float:left;clear:left;width:45%;margin:0}
dl.facts dd{margin:0 0 0 45%}
p.fill{border-bottom:1px dotted #000;height:1.3em;margin:0}
table.sign{width:100%;border-collapse:collapse;margin-top:1.5em;page-break-inside:avoid}
table.sign td{vertical-align:top;padding:0}
td.copies{font-size:11pt;width:40%}
td.signer{text-align:center}
td.signer .space{height:6em}
";

/// The document as a printable HTML page.
pub fn html(doc: &Document) -> String {
    let lang = doc.lang;
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        lang.code(),
        esc(&format!("{} {}", doc.title, doc.subtitle.join(" ")))
    );
    // Heading.
    let h = &doc.head;
    o.push_str("<table class=\"head\"><tr><td class=\"issuer\">");
    if let Some(p) = &h.parent {
        let _ = write!(o, "<div class=\"upper\">{}</div>", esc(p));
    }
    let _ = write!(o, "<div class=\"upper\"><b>{}</b></div>", esc(&h.issuer));
    if let Some(n) = &h.number {
        let _ = write!(o, "<div>{}</div>", esc(n));
    }
    let _ = writeln!(
        o,
        "</td><td class=\"state\"><div><b>{}</b></div><div class=\"motto\">{}</div><div class=\"date\">{}</div></td></tr></table>",
        t(lang, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
        t(lang, "Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
        esc(&h.date_line)
    );
    let _ = writeln!(o, "<h1>{}</h1>", esc(&doc.title));
    for s in &doc.subtitle {
        let _ = writeln!(o, "<p class=\"subtitle\">{}</p>", esc(s));
    }
    if let Some(r) = &doc.recipient {
        let _ = writeln!(
            o,
            "<p class=\"recipient\">{} {}</p>",
            t(lang, "Kính gửi:", "To:"),
            esc(r)
        );
    }
    for b in &doc.blocks {
        match b {
            Block::Heading(s) => {
                let _ = writeln!(o, "<h2>{}</h2>", esc(s));
            }
            Block::Paragraph(s) => {
                let _ = writeln!(o, "<p>{}</p>", esc(s));
            }
            Block::Facts(facts) => {
                o.push_str("<dl class=\"facts\">");
                for (k, v) in facts {
                    let _ = write!(o, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(v));
                }
                o.push_str("</dl>\n");
            }
            Block::Bullets(items) => {
                o.push_str("<ul>");
                for i in items {
                    let _ = write!(o, "<li>{}</li>", esc(i));
                }
                o.push_str("</ul>\n");
            }
            Block::Table(table) => html_table(&mut o, table),
            Block::FillIn(n) => {
                for _ in 0..*n {
                    o.push_str("<p class=\"fill\"></p>");
                }
                o.push('\n');
            }
        }
    }
    // Signature.
    let sig = &doc.signature;
    o.push_str("<table class=\"sign\"><tr>");
    if !sig.copies.is_empty() {
        let _ = write!(
            o,
            "<td class=\"copies\"><b><i>{}</i></b><br>",
            t(lang, "Nơi nhận:", "Copies to:")
        );
        for c in &sig.copies {
            let _ = write!(o, "- {}<br>", esc(c));
        }
        o.push_str("</td>");
    }
    for s in &sig.signers {
        let _ = write!(
            o,
            "<td class=\"signer\"><b class=\"upper\">{}</b><br><i>{}</i><div class=\"space\"></div><b>{}</b></td>",
            esc(&s.title),
            esc(&s.note),
            esc(s.name.as_deref().unwrap_or(""))
        );
    }
    o.push_str("</tr></table>\n</body>\n</html>\n");
    o
}

fn html_table(o: &mut String, table: &Table) {
    let numeric = |i: usize| table.numeric.get(i).copied().unwrap_or(false);
    o.push_str("<table class=\"data\"><thead><tr>");
    for h in &table.headers {
        let _ = write!(o, "<th>{}</th>", esc(h));
    }
    o.push_str("</tr></thead><tbody>\n");
    let row = |o: &mut String, cells: &[String], class: &str| {
        let _ = write!(o, "<tr{class}>");
        for (i, c) in cells.iter().enumerate() {
            if numeric(i) {
                let _ = write!(o, "<td class=\"n\">{}</td>", esc(c));
            } else if table.nowrap.get(i).copied().unwrap_or(false) {
                let _ = write!(o, "<td class=\"k\">{}</td>", esc(c));
            } else {
                let _ = write!(o, "<td>{}</td>", esc(c));
            }
        }
        o.push_str("</tr>\n");
    };
    for r in &table.rows {
        row(o, r, "");
    }
    if let Some(total) = &table.total {
        row(o, total, " class=\"total\"");
    }
    o.push_str("</tbody></table>\n");
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The document as Markdown.
pub fn markdown(doc: &Document) -> String {
    let lang = doc.lang;
    let mut o = String::new();
    let h = &doc.head;
    if let Some(p) = &h.parent {
        let _ = writeln!(o, "{}  ", p.to_uppercase());
    }
    let _ = writeln!(o, "**{}**  ", h.issuer.to_uppercase());
    if let Some(n) = &h.number {
        let _ = writeln!(o, "{n}  ");
    }
    let _ = writeln!(
        o,
        "\n**{}**  \n**{}**  \n*{}*\n",
        t(
            lang,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "SOCIALIST REPUBLIC OF VIET NAM"
        ),
        t(
            lang,
            "Độc lập - Tự do - Hạnh phúc",
            "Independence - Freedom - Happiness"
        ),
        h.date_line
    );
    let _ = writeln!(o, "# {}\n", doc.title);
    for s in &doc.subtitle {
        let _ = writeln!(o, "**{s}**  ");
    }
    if let Some(r) = &doc.recipient {
        let _ = writeln!(o, "\n{} {r}", t(lang, "Kính gửi:", "To:"));
    }
    for b in &doc.blocks {
        o.push('\n');
        match b {
            Block::Heading(s) => {
                let _ = writeln!(o, "## {s}");
            }
            Block::Paragraph(s) => {
                let _ = writeln!(o, "{s}");
            }
            Block::Facts(facts) => {
                for (k, v) in facts {
                    let _ = writeln!(o, "- {k}: {v}");
                }
            }
            Block::Bullets(items) => {
                for i in items {
                    let _ = writeln!(o, "- {i}");
                }
            }
            Block::Table(table) => {
                let numeric = |i: usize| table.numeric.get(i).copied().unwrap_or(false);
                let cells: Vec<String> = table.headers.iter().map(|h| md_cell(h)).collect();
                let _ = writeln!(o, "| {} |", cells.join(" | "));
                let align: Vec<&str> = (0..table.headers.len())
                    .map(|i| if numeric(i) { "---:" } else { "---" })
                    .collect();
                let _ = writeln!(o, "| {} |", align.join(" | "));
                for r in &table.rows {
                    let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
                    let _ = writeln!(o, "| {} |", cells.join(" | "));
                }
                if let Some(total) = &table.total {
                    let cells: Vec<String> = total
                        .iter()
                        .map(|c| {
                            if c.is_empty() {
                                String::new()
                            } else {
                                format!("**{}**", md_cell(c))
                            }
                        })
                        .collect();
                    let _ = writeln!(o, "| {} |", cells.join(" | "));
                }
            }
            Block::FillIn(n) => {
                for _ in 0..*n {
                    let _ = writeln!(o, "{}  ", BLANK.repeat(20));
                }
            }
        }
    }
    let sig = &doc.signature;
    o.push('\n');
    if !sig.copies.is_empty() {
        let _ = writeln!(o, "*{}*", t(lang, "Nơi nhận:", "Copies to:"));
        for c in &sig.copies {
            let _ = writeln!(o, "- {c}");
        }
        o.push('\n');
    }
    for s in &sig.signers {
        let _ = writeln!(o, "**{}**  \n*{}*\n", s.title.to_uppercase(), s.note);
        if let Some(name) = &s.name {
            let _ = writeln!(o, "\n\n**{name}**\n");
        }
    }
    o
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Tables as CSV: UTF-8 with a byte-order mark (spreadsheet programs need it to read
/// Vietnamese), CRLF line ends (RFC 4180). Several tables are separated by an empty line,
/// each under its caption.
pub fn csv(tables: &[CsvTable]) -> String {
    let mut o = String::from("\u{feff}");
    let line = |o: &mut String, cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        o.push_str(&cells.join(","));
        o.push_str("\r\n");
    };
    for (i, table) in tables.iter().enumerate() {
        if tables.len() > 1 {
            if i > 0 {
                o.push_str("\r\n");
            }
            line(&mut o, std::slice::from_ref(&table.caption));
        }
        line(&mut o, &table.headers);
        for r in &table.rows {
            line(&mut o, r);
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        Document {
            lang: Lang::Vi,
            head: Head {
                parent: Some("UBND tỉnh Ninh Bình".into()),
                issuer: "Sở Mẫu".into(),
                number: Some("Số: ……/BC-……".into()),
                date_line: "Ninh Bình, ngày …… tháng …… năm 2026".into(),
            },
            title: "BÁO CÁO".into(),
            subtitle: vec!["Kết quả <hoạt động>".into()],
            recipient: Some("Sở Thông tin và Truyền thông".into()),
            blocks: vec![
                Block::Heading("I. Chung".into()),
                Block::Facts(vec![("Địa chỉ".into(), "https://a.gov.vn".into())]),
                Block::Table(Table {
                    headers: vec!["Loại".into(), "Số | lượng".into()],
                    rows: vec![vec!["Tin".into(), "1.234".into()]],
                    numeric: vec![false, true],
                    nowrap: Vec::new(),
                    total: Some(vec!["Tổng".into(), "1.234".into()]),
                }),
                Block::FillIn(2),
            ],
            signature: Signature {
                copies: vec!["Như trên;".into()],
                signers: vec![Signer {
                    title: "Giám đốc".into(),
                    note: "(Ký)".into(),
                    name: Some("Nguyễn An".into()),
                }],
            },
        }
    }

    #[test]
    fn html_escapes_and_lays_out_the_heading_tables_and_signature() {
        let h = html(&doc());
        assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"));
        assert!(h.contains("Kết quả &lt;hoạt động&gt;"));
        assert!(h.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(h.contains("<p class=\"recipient\">Kính gửi: Sở Thông tin và Truyền thông</p>"));
        assert!(h.contains("<td class=\"n\">1.234</td>"));
        assert!(h.contains("<tr class=\"total\"><td>Tổng</td>"));
        assert_eq!(h.matches("<p class=\"fill\"></p>").count(), 2);
        assert!(h.contains("<b>Nguyễn An</b>"));
        assert!(!h.contains("<script"));
    }

    #[test]
    fn markdown_tables_align_numbers_and_escape_pipes() {
        let m = markdown(&doc());
        assert!(m.contains("| Loại | Số \\| lượng |\n| --- | ---: |\n| Tin | 1.234 |\n| **Tổng** | **1.234** |"), "{m}");
        assert!(m.contains("# BÁO CÁO"));
        assert!(m.contains("Kính gửi: Sở Thông tin và Truyền thông"));
    }

    #[test]
    fn csv_quotes_and_separates_tables() {
        let t1 = CsvTable {
            caption: "A".into(),
            headers: vec!["x".into(), "y".into()],
            rows: vec![vec!["1".into(), "a, \"b\"".into()]],
        };
        let t2 = CsvTable {
            caption: "B".into(),
            headers: vec!["z".into()],
            rows: vec![],
        };
        assert_eq!(
            csv(std::slice::from_ref(&t1)),
            "\u{feff}x,y\r\n1,\"a, \"\"b\"\"\"\r\n"
        );
        assert_eq!(
            csv(&[t1, t2]),
            "\u{feff}A\r\nx,y\r\n1,\"a, \"\"b\"\"\"\r\n\r\nB\r\nz\r\n"
        );
    }
}
