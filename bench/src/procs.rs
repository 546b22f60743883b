//! A reader's processes as /proc shows them: the process and every process
//! under it (WebKit's and Qt WebEngine's helpers are the reader's children),
//! their memory and their CPU time.

/// The process and every process under it, with each one's name.
pub fn process_tree(root: u32) -> Vec<(u32, String)> {
    let mut parents = Vec::new();
    if let Ok(dir) = std::fs::read_dir("/proc") {
        for entry in dir.flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            let Some((comm, fields)) = split_stat(&stat) else {
                continue;
            };
            let ppid = fields
                .get(1)
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(0);
            parents.push((pid, ppid, comm.to_string()));
        }
    }
    let mut tree = vec![(root, String::new())];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i].0;
        for (pid, ppid, comm) in &parents {
            if *ppid == parent {
                tree.push((*pid, comm.clone()));
            }
            if *pid == root && tree[0].1.is_empty() {
                tree[0].1 = comm.clone();
            }
        }
        i += 1;
    }
    tree
}

/// "pid (comm) state ppid ..." → (comm, [state, ppid, ...]). The name may
/// hold spaces and parentheses, so the fields start after the last ')'.
fn split_stat(stat: &str) -> Option<(&str, Vec<&str>)> {
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let fields = stat.get(close + 2..)?.split_whitespace().collect();
    Some((stat.get(open + 1..close)?, fields))
}

/// A kB field of a /proc file, in MiB.
fn kb_field(path: &str, field: &str) -> f64 {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

#[derive(Default, Clone, Copy, Debug)]
pub struct Memory {
    pub rss: f64,
    pub pss: f64,
    /// The process itself.
    pub app_pss: f64,
    /// Its web-content processes (WebKit's web process).
    pub web_pss: f64,
    pub processes: usize,
}

/// Memory of the process and everything under it, in MiB.
pub fn memory(pid: u32) -> Memory {
    let mut m = Memory::default();
    for (p, comm) in process_tree(pid) {
        let rss = kb_field(&format!("/proc/{p}/status"), "VmRSS:");
        let pss = kb_field(&format!("/proc/{p}/smaps_rollup"), "Pss:");
        if rss == 0.0 && pss == 0.0 {
            continue;
        }
        m.rss += rss;
        m.pss += pss;
        m.processes += 1;
        if p == pid {
            m.app_pss += pss;
        } else if comm.contains("WebKitWebProces") {
            m.web_pss += pss;
        }
    }
    m
}

/// CPU time (user + system) of the process and everything under it, in
/// clock ticks (1/100 s on Linux).
pub fn cpu_ticks(pid: u32) -> u64 {
    process_tree(pid)
        .iter()
        .filter_map(|(p, _)| {
            let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).ok()?;
            let (_, fields) = split_stat(&stat)?;
            // utime and stime are fields 14 and 15 of stat; `fields` starts
            // at field 3.
            let utime: u64 = fields.get(11)?.parse().ok()?;
            let stime: u64 = fields.get(12)?.parse().ok()?;
            Some(utime + stime)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_with_spaces_and_parentheses() {
        let stat = "42 (Web Content (x)) S 7 42 42 0 -1 4194560 1 0 0 0 15 3 0 0 20 0";
        let (comm, fields) = split_stat(stat).expect("parsed");
        assert_eq!(comm, "Web Content (x)");
        assert_eq!(fields[1], "7");
        assert_eq!(fields[11], "15");
        assert_eq!(fields[12], "3");
    }

    #[test]
    fn this_process_has_memory_and_cpu_time() {
        let me = std::process::id();
        let tree = process_tree(me);
        assert_eq!(tree[0].0, me);
        assert!(memory(me).pss > 0.0);
        // Spin until the kernel has counted a tick of this process's time.
        let start = std::time::Instant::now();
        let mut x = 0u64;
        while cpu_ticks(me) == 0 && start.elapsed().as_secs() < 5 {
            x = x.wrapping_add(1);
        }
        assert!(cpu_ticks(me) > 0, "{x}");
    }
}
