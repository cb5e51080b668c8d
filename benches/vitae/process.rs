//! Whole-process measurements: commands run alternately, round after round, by a small Python
//! driver, so that a slow moment of a loaded machine hits every command alike.
//!
//! Wall and CPU time come from `os.wait4` on the command itself (user + system time of the
//! child, to the microsecond). Peak memory comes from a second run of each command under
//! GNU `/usr/bin/time -f %M`: a child forked from the Python driver would inherit the driver's
//! resident pages in its `ru_maxrss`, while one forked from `time` inherits almost nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The driver: reads `{"warmup", "rounds", "commands": [{"name", "argv", "cwd"}]}` on standard
/// input and prints one JSON line per run: name, wall and CPU seconds, peak RSS in KiB (or -1).
const DRIVER: &str = r#"
import json, os, sys, time
spec = json.load(sys.stdin)
have_time = os.path.exists("/usr/bin/time")
def spawn(argv, cwd):
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(cwd)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1); os.dup2(null, 2)
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    return pid
def run(c):
    t0 = time.perf_counter()
    _, status, ru = os.wait4(spawn(c["argv"], c["cwd"]), 0)
    wall = time.perf_counter() - t0
    rss = -1
    if have_time:
        out = os.path.join(c["cwd"], ".bench-time.txt")
        _, _, _ = os.wait4(spawn(["/usr/bin/time", "-f", "%M", "-o", out] + c["argv"], c["cwd"]), 0)
        with open(out) as f:
            rss = int(f.read().split()[-1])
        os.remove(out)
    return {"name": c["name"], "wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_kib": rss,
            "ok": os.waitstatus_to_exitcode(status) == 0}
for c in spec["commands"]:
    for _ in range(spec["warmup"]):
        run(c)
for _ in range(spec["rounds"]):
    for c in spec["commands"]:
        print(json.dumps(run(c)), flush=True)
"#;

/// A command to measure.
pub struct Cmd {
    /// The name it is reported under.
    pub name: String,
    /// The program (an absolute path) and its arguments.
    pub argv: Vec<String>,
    /// The folder it runs in.
    pub cwd: PathBuf,
}

/// The medians of a command's runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Wall-clock seconds.
    pub wall: f64,
    /// User + system CPU seconds.
    pub cpu: f64,
    /// Peak resident memory in MiB, if `/usr/bin/time` is there.
    pub rss_mib: Option<f64>,
    /// Whether every run exited with 0.
    pub ok: bool,
}

/// Returns the Python interpreter itself (not a pyenv shim, whose start-up would be measured
/// with every peer run), or `None` without Python.
pub fn python() -> Option<String> {
    let out = Command::new("python3").args(["-c", "import sys; print(sys.executable)"]).output().ok()?;
    let path = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !path.is_empty()).then_some(path)
}

/// Runs the commands alternately (after `warmup` runs each) and returns each one's medians,
/// in the order given; `None` without Python.
pub fn measure(commands: &[Cmd], warmup: usize, rounds: usize) -> Option<Vec<Stats>> {
    let python = python()?;
    let spec = serde_json::json!({
        "warmup": warmup,
        "rounds": rounds,
        "commands": commands.iter().map(|c| serde_json::json!({
            "name": c.name, "argv": c.argv, "cwd": c.cwd.display().to_string(),
        })).collect::<Vec<_>>(),
    });
    let mut child = Command::new(python)
        .args(["-c", DRIVER])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(spec.to_string().as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let runs: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    Some(commands.iter().map(|c| stats(runs.iter().filter(|r| r["name"] == c.name.as_str()))).collect())
}

/// Returns the medians of one command's runs.
fn stats<'a>(runs: impl Iterator<Item = &'a serde_json::Value>) -> Stats {
    let runs: Vec<&serde_json::Value> = runs.collect();
    let field = |key: &str| median(runs.iter().filter_map(|r| r[key].as_f64()).collect());
    let rss = field("rss_kib");
    Stats {
        wall: field("wall"),
        cpu: field("cpu"),
        rss_mib: (rss >= 0.0).then_some(rss / 1024.0),
        ok: !runs.is_empty() && runs.iter().all(|r| r["ok"] == true),
    }
}

/// Returns the median (the upper one for an even count), or 0 for no values.
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Returns a command running the vitae binary this benchmark was built with.
pub fn vitae(name: &str, args: &[&str], cwd: &Path) -> Cmd {
    let mut argv = vec![env!("CARGO_BIN_EXE_vitae").to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    Cmd { name: name.to_string(), argv, cwd: cwd.to_path_buf() }
}

/// Returns a command rendering `in/a` and `in/b` in two `--jobs 1` processes at the same time:
/// the speed-up the machine itself gives two independent workers.
pub fn halves_at_once(cwd: &Path) -> Cmd {
    let exe = env!("CARGO_BIN_EXE_vitae");
    let one = |half: &str| format!("'{exe}' render in/{half} --out-dir halves/{half} --quiet --jobs 1");
    let script = format!("{} & {}; wait", one("a"), one("b"));
    Cmd {
        name: "2 processes × --jobs 1".into(),
        argv: vec!["/bin/sh".into(), "-c".into(), script],
        cwd: cwd.to_path_buf(),
    }
}

/// Returns the Typst peers' commands: the Typst CLI when `typst` is on `PATH` and typst-py in a
/// fresh Python process when Python can import `typst`, both when both are there (so that one
/// run compares vitae with each), none without either. Each runs with and without ignoring the
/// system's fonts: scanning them is part of what a Typst user waits for, but not of what it
/// typesets.
pub fn typst_peers(typ: &Path, cwd: &Path) -> Vec<Cmd> {
    let mut peers = typst_cli(typ, cwd);
    peers.extend(typst_py(typ, cwd));
    peers
}

/// Returns the Typst CLI's two commands (`typst compile`, with and without
/// `--ignore-system-fonts`), or none when `typst` is not on `PATH`.
fn typst_cli(typ: &Path, cwd: &Path) -> Vec<Cmd> {
    let Some(typst) = on_path("typst") else { return Vec::new() };
    let run = |name: &str, extra: &[&str]| {
        let mut argv = vec![typst.display().to_string(), "compile".into()];
        argv.extend(extra.iter().map(|a| a.to_string()));
        argv.extend([typ.display().to_string(), "typst.pdf".into()]);
        Cmd { name: name.into(), argv, cwd: cwd.to_path_buf() }
    };
    vec![run("Typst CLI", &[]), run("Typst CLI --ignore-system-fonts", &["--ignore-system-fonts"])]
}

/// Returns typst-py's two commands (a fresh Python process calling `typst.compile`, with and
/// without `ignore_system_fonts=True`), or none when Python cannot import `typst`. The input's
/// path is passed as an argument, so no quoting of it into Python source is needed.
fn typst_py(typ: &Path, cwd: &Path) -> Vec<Cmd> {
    let Some(python) = python() else { return Vec::new() };
    let ok = Command::new(&python).args(["-c", "import typst"]).stderr(Stdio::null()).status();
    if !ok.is_ok_and(|s| s.success()) {
        return Vec::new();
    }
    let run = |name: &str, ignore: &str| {
        let script = format!(
            "import sys, typst; typst.compile(sys.argv[1], output='typst.pdf', ignore_system_fonts={ignore})"
        );
        let argv = vec![python.clone(), "-c".into(), script, typ.display().to_string()];
        Cmd { name: name.into(), argv, cwd: cwd.to_path_buf() }
    };
    vec![run("typst-py", "False"), run("typst-py, ignore_system_fonts", "True")]
}

/// Returns the first executable file called `name` in a folder of `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file())
}
