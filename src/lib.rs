//! trang: a static site generator for Vietnamese internal information websites
//! (trang thông tin điện tử nội bộ, QĐ 14/2015/QĐ-UBND tỉnh Ninh Bình).
//!
//! The pipeline reads top to bottom:
//! [`config`] → [`content`] (discover, decode and normalize to NFC, front matter, model) →
//! [`render`] (Markdown, templates) → [`output`] (the only writer), sequenced by [`build`].

pub mod api;
pub mod archive;
pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod feeds;
pub mod fix;
pub mod hosting;
pub mod i18n;
pub mod images;
pub mod new;
pub mod output;
pub mod regulation;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod vi;
