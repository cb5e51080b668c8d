//! Structured logs: one JSON object per line on standard error, for a log collector to read
//! as it is (a Kubernetes node's, `docker logs`). Every request gets one line (see
//! [`super::api`]'s middleware), and the server's life one line per event.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};

/// Prints one log line: the time, the event and its fields.
pub fn line(event: &str, fields: Map<String, Value>) {
    let mut object = Map::new();
    // A log's time is the wall clock's: it never reaches a rendered document.
    let ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64);
    object.insert("ts_ms".into(), ms.into());
    object.insert("event".into(), event.into());
    object.extend(fields);
    eprintln!("{}", Value::Object(object));
}

/// Prints one log line of text fields (the server's start and stop).
pub fn event(event: &str, fields: &[(&str, &str)]) {
    line(event, fields.iter().map(|(k, v)| ((*k).to_owned(), Value::from(*v))).collect());
}
