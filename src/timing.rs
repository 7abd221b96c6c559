//! Phase timings for profiling builds: with `VESTIS_TIMINGS=1` in the environment, each stage
//! prints how long it took to stderr (`timing: views 12.3 ms`), and where the system tells
//! (Linux), the CPU time the process used in it (`cpu 20 ms`: twice the phase's time when both
//! cores worked, about the same when one did) and the memory it holds then and at most so far
//! (`rss 210 MiB, peak 340 MiB`).
//! Off by default; reading the variable is the only cost then.

use std::time::Instant;

/// The environment variable that turns timings on.
pub const VARIABLE: &str = "VESTIS_TIMINGS";

/// A stopwatch for consecutive phases of one stage.
pub struct Phases {
    enabled: bool,
    last: Instant,
    /// The process's CPU time at the previous mark, in clock ticks.
    last_cpu: Option<u64>,
}

impl Phases {
    /// Starts timing when `VESTIS_TIMINGS` is set (to anything but `0`).
    pub fn start() -> Self {
        let enabled = std::env::var(VARIABLE).is_ok_and(|v| v != "0");
        Phases {
            enabled,
            last: Instant::now(),
            last_cpu: if enabled { cpu_ticks() } else { None },
        }
    }

    /// Prints the time since the previous mark (or the start) under `name`.
    pub fn mark(&mut self, name: &str) {
        if self.enabled {
            let ms = self.last.elapsed().as_secs_f64() * 1000.0;
            let cpu = cpu_ticks();
            let cpu_ms = match (cpu, self.last_cpu) {
                (Some(now), Some(then)) => format!(", cpu {} ms", now.saturating_sub(then) * 10),
                _ => String::new(),
            };
            match memory() {
                Some((rss, peak)) => {
                    eprintln!("timing: {name} {ms:.1} ms (rss {rss} MiB, peak {peak} MiB{cpu_ms})")
                }
                None => eprintln!("timing: {name} {ms:.1} ms"),
            }
            self.last = Instant::now();
            self.last_cpu = cpu;
        }
    }
}

/// The CPU time this process used so far (user and system, `utime` and `stime` of
/// `/proc/self/stat`), in clock ticks of 10 ms (Linux's `USER_HZ`); `None` where there is no
/// such file.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(user + system)
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
