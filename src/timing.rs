//! Phase timings for profiling builds: with `VESTIS_TIMINGS=1` in the environment, each stage
//! prints how long it took to stderr (`timing: views 12.3 ms`), and where the system tells
//! (Linux), the memory the process holds then and at most so far (`rss 210 MiB, peak 340 MiB`).
//! Off by default; reading the variable is the only cost then.

use std::time::Instant;

/// The environment variable that turns timings on.
pub const VARIABLE: &str = "VESTIS_TIMINGS";

/// A stopwatch for consecutive phases of one stage.
pub struct Phases {
    enabled: bool,
    last: Instant,
}

impl Phases {
    /// Starts timing when `VESTIS_TIMINGS` is set (to anything but `0`).
    pub fn start() -> Self {
        Phases {
            enabled: std::env::var(VARIABLE).is_ok_and(|v| v != "0"),
            last: Instant::now(),
        }
    }

    /// Prints the time since the previous mark (or the start) under `name`.
    pub fn mark(&mut self, name: &str) {
        if self.enabled {
            let ms = self.last.elapsed().as_secs_f64() * 1000.0;
            match memory() {
                Some((rss, peak)) => {
                    eprintln!("timing: {name} {ms:.1} ms (rss {rss} MiB, peak {peak} MiB)")
                }
                None => eprintln!("timing: {name} {ms:.1} ms"),
            }
            self.last = Instant::now();
        }
    }
}

/// The resident memory of this process now and at its peak, in MiB (`VmRSS`, `VmHWM` of
/// `/proc/self/status`); `None` where there is no such file.
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line[name.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(kb / 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}
