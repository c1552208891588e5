//! The normalized configuration the poller runs on, typed.
//!
//! Produced only by validation (so every value in it was checked and every format
//! compiled); the poller never reads the user's JSON itself. Secrets stay in here, unmasked,
//! because the poller needs them; `Debug` masks them so they cannot reach a log by accident.

use crate::javafmt::JavaDateFormat;
use crate::template::Template;

/// A value that must never be printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    /// The secret itself, for the one place that uses it (signing, an auth header).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("\"********\"")
    }
}

#[derive(Clone, Debug)]
pub struct Instance {
    pub element_key: Option<String>,
    pub name: Option<String>,
    pub events_enabled: bool,
    pub vendor_type: Option<String>,
    pub callback_url: Option<String>,
    pub refresh_interval_minutes: Option<u32>,
    pub signature_key: Option<Secret>,
    pub resources: Vec<Resource>,
    /// The other configuration values (`api.username`, `base.url`, …) as text, for element
    /// profiles; held as secrets since any of them may be a credential.
    pub settings: std::collections::BTreeMap<String, Secret>,
}

impl Instance {
    /// A configuration value, when set and not blank.
    pub fn setting(&self, key: &str) -> Option<&str> {
        self.settings.get(key).map(Secret::expose).filter(|v| !v.trim().is_empty())
    }
}

#[derive(Clone, Debug)]
pub struct Resource {
    /// The key in the poller configuration; the event's `objectType`.
    pub name: String,
    pub url: String,
    pub template: Template,
    /// Dotted path to the record id; empty when none was configured.
    pub id_field: String,
    pub updated: Option<DateField>,
    pub created: Option<DateField>,
    pub filter_by_updated_date: bool,
    pub filter_by_current_date: bool,
    pub created_check_tolerance_secs: i64,
    pub page_size: Option<u32>,
    pub poll_delay_secs: i64,
    /// Our extension: the first poll delivers everything after this instant (epoch ms)
    /// instead of starting at "now".
    pub backfill_from_ms: Option<i64>,
    /// Our extension: how changes are seen.
    pub change_detection: ChangeDetection,
    /// Our extension: the URL lists every record, so ids that disappear are DELETED.
    pub detect_deletes: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ChangeDetection {
    /// By the updated (or created) date, as Cloud Elements did.
    #[default]
    Dates,
    /// By a hash of each record's content, for APIs without dates.
    Hash,
}

#[derive(Clone, Debug)]
pub struct DateField {
    /// Dotted path to the date in a record.
    pub field: String,
    /// The pattern as written (`milliseconds` or a Java pattern).
    pub pattern: String,
    /// The zone for text without an offset; `UTC` when none was configured.
    pub zone: String,
    pub format: JavaDateFormat,
}
