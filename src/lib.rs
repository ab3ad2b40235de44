//! trang: a static site generator for Vietnamese internal information websites
//! (trang thông tin điện tử nội bộ, QĐ 14/2015/QĐ-UBND tỉnh Ninh Bình).
//!
//! The pipeline reads top to bottom:
//! [`config`] → [`content`] (discover, decode and normalize, front matter, model) →
//! render → search index → output, orchestrated by `build`.

pub mod config;
pub mod diagnostics;
pub mod vi;
