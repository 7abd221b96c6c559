//! Talking to the person running `vestis deploy`: yes/no questions and passwords on the
//! terminal (never echoed), a progress bar on a terminal and a plain line per step otherwise.
//! The one home of `rpassword` and `indicatif`.
//!
//! Without a terminal nothing is asked: a question is answered by `--yes` or refused.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How questions are answered.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// stdin and stderr are a terminal: questions can be asked.
    pub interactive: bool,
    /// `--yes`: every question is answered yes without asking.
    pub yes: bool,
}

impl Ui {
    /// Asks on the terminal when there is one.
    pub fn detect(yes: bool) -> Ui {
        Ui {
            interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
            yes,
        }
    }

    /// `--yes`, else the answer typed on the terminal, else no.
    pub fn confirm(&self, question: &str) -> bool {
        if self.yes {
            return true;
        }
        if !self.interactive {
            return false;
        }
        eprint!("{question} [y/N] ");
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        // At most a short line: the answer is one word.
        let read = std::io::stdin().lock().take(256).read_line(&mut answer);
        read.is_ok()
            && matches!(
                answer.trim().to_lowercase().as_str(),
                "y" | "yes" | "j" | "jā" | "да"
            )
    }

    /// A secret typed without echo, when there is a terminal.
    pub fn secret(&self, prompt: &str) -> Option<String> {
        if !self.interactive {
            return None;
        }
        rpassword::prompt_password(prompt)
            .ok()
            .filter(|s| !s.is_empty())
    }

    /// Progress over `files` files of `bytes` bytes in total.
    pub fn progress(&self, files: usize, bytes: u64) -> Progress {
        if !std::io::stderr().is_terminal() || files == 0 {
            return Progress::none();
        }
        let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{msg:40} {prefix} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        Progress {
            bar: Some(bar),
            files,
            done: AtomicUsize::new(0),
        }
    }
}

/// A progress bar, or plain lines when there is no terminal.
pub struct Progress {
    bar: Option<ProgressBar>,
    /// Files to upload, and uploaded so far.
    files: usize,
    done: AtomicUsize,
}

impl Progress {
    /// Plain lines only.
    pub fn none() -> Progress {
        Progress {
            bar: None,
            files: 0,
            done: AtomicUsize::new(0),
        }
    }

    /// A new step begins (`uploading pages: 230 files, 3.1 MB`).
    pub fn step(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.set_message(line.to_string()),
            None => eprintln!("{line}"),
        }
    }

    /// `bytes` more are done.
    pub fn advance(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    /// One more file is uploaded.
    pub fn file_done(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.set_prefix(format!("{done}/{} files", self.files));
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
