//! Element profiles: how to call one vendor's API, as data.
//!
//! Why profiles: Cloud Elements' `/hubs/...` URLs were its own normalized API; we call the
//! vendor directly, so each element needs its base URL, auth headers, the mapping from hub
//! paths to vendor paths, where records sit in a response, and how it pages.

use crate::config::Instance;
use crate::detect::fields::{Path, Segment};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Paging {
    /// One request per poll.
    None,
    /// `limit` and `offset` query parameters; the last page is the one with fewer records.
    OffsetLimit { limit: String, offset: String },
    /// A page number (from `first`) and a page size; the last page has fewer records.
    Page { page: String, size: String, first: u64 },
    /// The response names the next page's URL at `path`; absent or null ends.
    NextLink { path: Path },
    /// The response holds a token at `path`, sent back as the query parameter `param`.
    NextToken { path: Path, param: String },
}

#[derive(Clone, Debug)]
pub struct Profile {
    pub name: &'static str,
    /// Prefix for relative resource URLs; may hold `{accountId}`-style slots until discovered.
    pub base_url: String,
    /// Header name and the configuration key it comes from (values are read per request,
    /// so they are never copied anywhere else).
    pub headers: Vec<(String, HeaderValue)>,
    pub paging: Paging,
    pub default_page_size: u32,
    /// Generic profile: where the records are (`records.path`); empty means the response
    /// itself, or its single array-valued member.
    pub records_path: Path,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderValue {
    Fixed(String),
    Setting(String),
}

impl Profile {
    pub fn for_instance(instance: &Instance) -> Profile {
        match instance.element_key.as_deref() {
            Some("icontact") => icontact(instance),
            _ => generic(instance),
        }
    }

    /// The vendor path for a resource URL (`/hubs/general/contacts` → `/contacts/`), and
    /// where its records are in a response.
    pub fn map_url(&self, url: &str) -> (String, Path) {
        match self.name {
            "icontact" => {
                let (path, query) = url.split_once('?').map(|(p, q)| (p, Some(q))).unwrap_or((url, None));
                let resource = path.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_string();
                let mapped = if path.starts_with("/hubs/") { format!("/{resource}/") } else { path.to_string() };
                let mapped = match query {
                    Some(q) => format!("{mapped}?{q}"),
                    None => mapped,
                };
                (mapped, Path(vec![Segment::Key(resource)]))
            }
            _ => (url.to_string(), self.records_path.clone()),
        }
    }
}

fn icontact(instance: &Instance) -> Profile {
    let host = instance.setting("base.url").unwrap_or("https://app.icontact.com").trim_end_matches('/').to_string();
    let account = instance.setting("accountId").or(instance.setting("icontact.accountId")).unwrap_or("{accountId}");
    let folder = instance.setting("clientFolderId").or(instance.setting("icontact.clientFolderId")).unwrap_or("{clientFolderId}");
    Profile {
        name: "icontact",
        base_url: format!("{host}/icp/a/{account}/c/{folder}"),
        headers: vec![
            ("Accept".into(), HeaderValue::Fixed("application/json".into())),
            ("API-Version".into(), HeaderValue::Setting("api.version".into())),
            ("API-AppId".into(), HeaderValue::Setting("AppID".into())),
            ("API-Username".into(), HeaderValue::Setting("api.username".into())),
            ("API-Password".into(), HeaderValue::Setting("api.password".into())),
        ],
        paging: Paging::OffsetLimit { limit: "limit".into(), offset: "offset".into() },
        default_page_size: 500,
        records_path: Path(Vec::new()),
    }
}

/// The generic profile's paging, from `pagination.type` (`offset`, `page`, `nextLink`,
/// `nextToken`) and its parameters (`pagination.limit`, `pagination.offset`,
/// `pagination.page`, `pagination.size`, `pagination.next`, `pagination.token`).
fn generic_paging(instance: &Instance) -> Paging {
    let get = |k: &str, d: &str| instance.setting(k).unwrap_or(d).to_string();
    let path = |k: &str, d: &str| Path::parse(&get(k, d)).unwrap_or(Path(Vec::new()));
    match instance.setting("pagination.type") {
        Some("offset") => Paging::OffsetLimit { limit: get("pagination.limit", "limit"), offset: get("pagination.offset", "offset") },
        Some("page") => Paging::Page {
            page: get("pagination.page", "page"),
            size: get("pagination.size", "pageSize"),
            first: instance.setting("pagination.first").and_then(|v| v.parse().ok()).unwrap_or(1),
        },
        Some("nextLink") => Paging::NextLink { path: path("pagination.next", "next") },
        Some("nextToken") => Paging::NextToken { path: path("pagination.next", "nextPageToken"), param: get("pagination.token", "pageToken") },
        _ => Paging::None,
    }
}

fn generic(instance: &Instance) -> Profile {
    let headers = instance
        .settings
        .keys()
        .filter_map(|k| k.strip_prefix("header.").map(|h| (h.to_string(), HeaderValue::Setting(k.clone()))))
        .chain(std::iter::once(("Accept".to_string(), HeaderValue::Fixed("application/json".into()))))
        .collect();
    Profile {
        name: "generic",
        base_url: instance.setting("base.url").unwrap_or("").trim_end_matches('/').to_string(),
        headers,
        paging: generic_paging(instance),
        default_page_size: 100,
        records_path: Path::parse(instance.setting("records.path").unwrap_or("")).unwrap_or(Path(Vec::new())),
    }
}

/// The discovery calls iContact needs when the account or folder id is not configured:
/// `GET /icp/a/` lists accounts, `GET /icp/a/{accountId}/c/` client folders.
pub fn icontact_discovery(base_url: &str) -> Option<(String, String)> {
    let (host, rest) = base_url.split_once("/icp/a/")?;
    let account_missing = rest.starts_with("{accountId}");
    let folder_missing = rest.ends_with("{clientFolderId}");
    if !account_missing && !folder_missing {
        return None;
    }
    Some((format!("{host}/icp/a/"), host.to_string()))
}
