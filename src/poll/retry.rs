//! Retries: which failures are worth another try, and how long to wait.
//!
//! Exponential backoff with jitter (so many pollers do not retry in step), capped, and
//! overridden by the server's own `Retry-After` (seconds or an HTTP date) when it gives one.

use super::{Request, Response, Transport, TransportError};

#[derive(Clone, Debug)]
pub struct Policy {
    /// Tries per request, the first included.
    pub attempts: u32,
    pub base_ms: u64,
    pub cap_ms: u64,
    pub timeout_ms: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { attempts: 4, base_ms: 500, cap_ms: 30_000, timeout_ms: 30_000 }
    }
}

/// The wait before try `attempt + 1` (`attempt` ≥ 1): base·2^(attempt−1) ± 25 %, capped;
/// a server's `Retry-After` wins (capped too, so one header cannot stall a cycle).
pub fn backoff_ms(p: &Policy, attempt: u32, retry_after: Option<u64>, random: f64) -> u64 {
    if let Some(ms) = retry_after {
        return ms.min(p.cap_ms);
    }
    let exp = p.base_ms.saturating_mul(1u64 << attempt.saturating_sub(1).min(20));
    let jitter = 0.75 + random.clamp(0.0, 1.0) * 0.5;
    ((exp.min(p.cap_ms) as f64) * jitter) as u64
}

/// `Retry-After` as milliseconds from now: delta-seconds or an HTTP date.
pub fn retry_after_ms(header: Option<&str>, now_ms: i64) -> Option<u64> {
    let h = header?.trim();
    if let Ok(s) = h.parse::<u64>() {
        return Some(s.saturating_mul(1000));
    }
    let at = chrono::DateTime::parse_from_rfc2822(h).ok()?.timestamp_millis();
    Some(u64::try_from(at - now_ms).unwrap_or(0))
}

/// Sends a GET with retries on network errors, timeouts, 429 and 5xx. Other statuses are
/// errors at once. Messages name the URL without its query (which may hold dates, never
/// credentials, but stays short).
pub async fn send<T: Transport>(t: &T, p: &Policy, mut req: Request) -> Result<Response, String> {
    super::move_credentials(&mut req);
    // Without the query (credentials, if any, moved to a header above).
    let shown = crate::config::mask_url_password(req.url.split('?').next().unwrap_or(""));
    let mut attempt = 0u32;
    loop {
        let outcome = t.send(req.clone()).await;
        let retry_after = match &outcome {
            Ok(r) if (200..300).contains(&r.status) => return outcome.map_err(|_| String::new()),
            Ok(r) if r.status == 429 || r.status >= 500 => retry_after_ms(r.header("retry-after"), t.now_ms()),
            Ok(r) => return Err(format!("{} {shown} answered {}", req.method, r.status)),
            Err(_) => None,
        };
        attempt += 1;
        if attempt >= p.attempts {
            let why = match outcome {
                Ok(r) => format!("answered {}", r.status),
                Err(TransportError::Timeout) => "timed out".into(),
                Err(TransportError::Network(e)) => format!("failed ({e})"),
            };
            return Err(format!("{} {shown} {why}, {attempt} attempts", req.method));
        }
        t.sleep(backoff_ms(p, attempt, retry_after, t.random())).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_with_jitter_and_obeys_retry_after() {
        let p = Policy::default();
        assert_eq!(backoff_ms(&p, 1, None, 0.5), 500);
        assert_eq!(backoff_ms(&p, 3, None, 0.5), 2_000);
        assert_eq!(backoff_ms(&p, 3, None, 0.0), 1_500);
        assert_eq!(backoff_ms(&p, 30, None, 0.5), 30_000);
        assert_eq!(backoff_ms(&p, 1, Some(7_000), 0.9), 7_000);
        assert_eq!(backoff_ms(&p, 1, Some(999_000), 0.9), 30_000);
        assert_eq!(retry_after_ms(Some("120"), 0), Some(120_000));
        let now = chrono::DateTime::parse_from_rfc2822("Wed, 21 Oct 2015 07:28:00 GMT").unwrap().timestamp_millis();
        assert_eq!(retry_after_ms(Some("Wed, 21 Oct 2015 07:28:05 GMT"), now), Some(5_000));
        assert_eq!(retry_after_ms(Some("soon"), now), None);
    }
}
