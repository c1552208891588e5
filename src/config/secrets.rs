//! Which values are secrets, and masking them.
//!
//! Decided by key name rather than by a list of elements: every element names its
//! credentials differently (`api.password`, `oauth.api.secret`, `AppID`, `token`), and a
//! false positive only masks a harmless value, while a false negative leaks.

/// What a masked value reads as.
pub const MASK: &str = "********";

/// Whether the value at this key is a credential. `section` is the top-level key the value
/// is under (`configuration`, `providerData`, or `""` for the top level).
pub fn is_secret(section: &str, key: &str) -> bool {
    if section == "providerData" {
        return true; // OAuth codes and tokens
    }
    let k = key.to_ascii_lowercase();
    if k == "event.helper.key" || k == "element.key" || k.ends_with("username") || k.ends_with("url") {
        return false;
    }
    const WORDS: &[&str] = &[
        "password", "passwd", "secret", "token", "signature", "credential", "private", "apikey", "api_key",
        "api.key", "appid", "app.id", "client.id", "clientid", "consumer", "authorization", "session",
    ];
    WORDS.iter().any(|w| k.contains(w) || (w.len() >= 6 && contains_typo_of(&k, w)))
        || k.ends_with(".key")
        || k == "key"
        || k == "code"
}

/// Whether `key` holds `word` with one typo (`api.pasword`, `oauth.api.sercet`): a
/// mistyped credential key still holds a credential.
fn contains_typo_of(key: &str, word: &str) -> bool {
    let chars: Vec<char> = key.chars().collect();
    let n = word.chars().count();
    (n.saturating_sub(1)..=n + 1).any(|len| {
        chars.windows(len.max(1)).any(|w| {
            let piece: String = w.iter().collect();
            strsim::damerau_levenshtein(&piece, word) <= 1
        })
    })
}

/// A URL with credentials, split as `(scheme://, user:pass, host/rest)`; `None` without.
pub fn split_userinfo(url: &str) -> Option<(&str, &str, &str)> {
    let scheme_end = url.find("://")? + 3;
    let rest = url.get(scheme_end..)?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let at = rest.get(..authority_end)?.rfind('@')?;
    Some((url.get(..scheme_end)?, rest.get(..at)?, rest.get(at + 1..)?))
}

/// `https://user:pass@host/x` → `https://user:********@host/x`; other URLs unchanged.
pub fn mask_url_password(url: &str) -> String {
    match split_userinfo(url) {
        Some((scheme, userinfo, rest)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}{user}:{MASK}@{rest}"),
            None => format!("{scheme}{MASK}@{rest}"),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_secret_and_plain_settings_are_not() {
        for k in ["api.password", "oauth.api.secret", "oauth.api.key", "event.notification.signature.key", "AppID", "token", "password"] {
            assert!(is_secret("configuration", k), "{k}");
        }
        for k in ["api.pasword", "oauth.api.sercet", "user.passwd"] {
            assert!(is_secret("configuration", k), "{k}");
        }
        for k in ["event.notification.callback.url", "api.username", "event.poller.refresh_interval", "base.url", "pagination.max", "event.notification.enabled"] {
            assert!(!is_secret("configuration", k), "{k}");
        }
        assert!(is_secret("providerData", "anything"));
    }

    #[test]
    fn url_passwords_are_masked() {
        assert_eq!(mask_url_password("https://u:p4ss@h.io/x?y"), "https://u:********@h.io/x?y");
        assert_eq!(mask_url_password("https://tok@h.io"), "https://********@h.io");
        assert_eq!(mask_url_password("https://h.io/a@b"), "https://h.io/a@b");
    }
}
