//! A unified diff of two texts, line by line, for `trang fix` to show what it changes.
//!
//! Longest common subsequence on lines after trimming the common head and tail: content
//! files are small and a fix changes few lines, so this stays cheap, and it is fifty lines
//! we own instead of a dependency. Very large changed middles (more than `MAX_CELLS` table
//! cells) are shown as one replaced block rather than computed.

/// Beyond this many LCS table cells the middle is shown as deleted then inserted.
const MAX_CELLS: usize = 25_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Equal(usize, usize),
    Delete(usize),
    Insert(usize),
}

/// The edit script from `a` to `b` (indices into each).
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_mid, b_mid) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut ops: Vec<Op> = (0..head).map(|i| Op::Equal(i, i)).collect();
    let (n, m) = (a_mid.len(), b_mid.len());
    if n.saturating_mul(m) > MAX_CELLS {
        ops.extend((0..n).map(|i| Op::Delete(head + i)));
        ops.extend((0..m).map(|j| Op::Insert(head + j)));
    } else {
        // lcs[i][j]: length of the LCS of a_mid[i..] and b_mid[j..].
        let width = m + 1;
        let mut lcs = vec![0u32; (n + 1) * width];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * width + j] = if a_mid[i] == b_mid[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && a_mid[i] == b_mid[j] {
                ops.push(Op::Equal(head + i, head + j));
                i += 1;
                j += 1;
            } else if j == m || (i < n && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
                ops.push(Op::Delete(head + i));
                i += 1;
            } else {
                ops.push(Op::Insert(head + j));
                j += 1;
            }
        }
    }
    let (a_tail, b_tail) = (a.len() - tail, b.len() - tail);
    ops.extend((0..tail).map(|k| Op::Equal(a_tail + k, b_tail + k)));
    ops
}

/// `start,count` as GNU diff writes it: the count is left out when it is 1, and an empty
/// range names the line before it.
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{count}", start + 1),
    }
}

fn push_line(out: &mut String, prefix: char, line: &str) {
    out.push(prefix);
    let body = line.strip_suffix('\n').unwrap_or(line);
    out.push_str(body.strip_suffix('\r').unwrap_or(body));
    out.push('\n');
    if !line.ends_with('\n') {
        out.push_str("\\ No newline at end of file\n");
    }
}

/// A unified diff (3 lines of context) from `old` to `new`, or an empty string when they
/// are equal. Lines are compared with their line ends; CR is not shown.
pub fn unified_diff(old: &str, new: &str, old_label: &str, new_label: &str) -> String {
    if old == new {
        return String::new();
    }
    const CONTEXT: usize = 3;
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = script(&a, &b);
    let changed: Vec<usize> = (0..ops.len())
        .filter(|&k| !matches!(ops[k], Op::Equal(..)))
        .collect();
    let mut out = format!("--- {old_label}\n+++ {new_label}\n");
    let mut k = 0;
    while k < changed.len() {
        // Group changes whose contexts touch into one hunk.
        let first = changed[k];
        let mut last = first;
        while k + 1 < changed.len() && changed[k + 1] <= last + 2 * CONTEXT + 1 {
            k += 1;
            last = changed[k];
        }
        k += 1;
        let from = first.saturating_sub(CONTEXT);
        let to = (last + CONTEXT + 1).min(ops.len());
        let hunk = &ops[from..to];
        // Where the hunk starts in each file: the first index it touches, or the count of
        // lines before it.
        let a_start = ops[..from]
            .iter()
            .filter(|o| matches!(o, Op::Equal(..) | Op::Delete(_)))
            .count();
        let b_start = ops[..from]
            .iter()
            .filter(|o| matches!(o, Op::Equal(..) | Op::Insert(_)))
            .count();
        let a_count = hunk
            .iter()
            .filter(|o| matches!(o, Op::Equal(..) | Op::Delete(_)))
            .count();
        let b_count = hunk
            .iter()
            .filter(|o| matches!(o, Op::Equal(..) | Op::Insert(_)))
            .count();
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(a_start, a_count),
            range(b_start, b_count)
        ));
        for op in hunk {
            match *op {
                Op::Equal(i, _) => push_line(&mut out, ' ', a[i]),
                Op::Delete(i) => push_line(&mut out, '-', a[i]),
                Op::Insert(j) => push_line(&mut out, '+', b[j]),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified_diff("a\n", "a\n", "a", "b"), "");
    }

    #[test]
    fn one_changed_line_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assert_eq!(
            unified_diff(old, new, "a/x.md", "b/x.md"),
            "--- a/x.md\n+++ b/x.md\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn distant_changes_make_two_hunks_and_close_ones_one() {
        let lines =
            |f: &dyn Fn(usize) -> String| -> String { (1..=20).map(|i| f(i) + "\n").collect() };
        let old = lines(&|i| i.to_string());
        let new = lines(&|i| match i {
            2 => "two".into(),
            19 => "nineteen".into(),
            _ => i.to_string(),
        });
        let d = unified_diff(&old, &new, "a", "b");
        assert_eq!(d.matches("@@ -").count(), 2, "{d}");
        assert!(d.contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n"), "{d}");
        let near = lines(&|i| match i {
            5 => "five".into(),
            9 => "nine".into(),
            _ => i.to_string(),
        });
        assert_eq!(
            unified_diff(&old, &near, "a", "b").matches("@@ -").count(),
            1
        );
    }

    #[test]
    fn insertions_deletions_and_missing_newline() {
        assert_eq!(
            unified_diff("a\nb", "a\nc\nb", "x", "y"),
            "--- x\n+++ y\n@@ -1,2 +1,3 @@\n a\n+c\n b\n\\ No newline at end of file\n"
        );
        assert_eq!(
            unified_diff("", "a\n", "x", "y"),
            "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n"
        );
        assert_eq!(
            unified_diff("a\n", "", "x", "y"),
            "--- x\n+++ y\n@@ -1 +0,0 @@\n-a\n"
        );
    }

    #[test]
    fn crlf_is_kept_in_comparison_but_not_shown() {
        let d = unified_diff("Th«ng\r\nx\r\n", "Thông\r\nx\r\n", "a", "b");
        assert_eq!(d, "--- a\n+++ b\n@@ -1,2 +1,2 @@\n-Th«ng\n+Thông\n x\n");
    }
}
