//! Phase timings for profiling builds: with `VESTIS_TIMINGS=1` in the environment, each stage
//! prints how long it took to stderr (`timing: views 12.3 ms`). Off by default; reading the
//! variable is the only cost then.

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
            eprintln!("timing: {name} {ms:.1} ms");
            self.last = Instant::now();
        }
    }
}
