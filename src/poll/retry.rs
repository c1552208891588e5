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

/// How a request finally failed.
pub(super) enum Failed {
    /// A status that is not worth retrying (4xx other than 429, 3xx).
    Refused(u16),
    /// Every attempt failed; the last one so.
    GaveUp(Last, u32),
}

pub(super) enum Last {
    Status(u16),
    Timeout,
    Network(String),
}

/// Sends with retries on network errors, timeouts, 429 and 5xx: `make` builds each attempt
/// (a callback is signed anew per attempt). Credentials in a URL move to a Basic header.
pub(super) async fn with_retries<T: Transport>(
    t: &T,
    p: &Policy,
    mut make: impl FnMut() -> Result<Request, String>,
) -> Result<Result<Response, Failed>, String> {
    let mut attempt = 0u32;
    loop {
        let mut req = make()?;
        super::move_credentials(&mut req);
        let (retry_after, last) = match t.send(req).await {
            Ok(r) if (200..300).contains(&r.status) => return Ok(Ok(r)),
            Ok(r) if r.status == 429 || r.status >= 500 => (retry_after_ms(r.header("retry-after"), t.now_ms()), Last::Status(r.status)),
            Ok(r) => return Ok(Err(Failed::Refused(r.status))),
            Err(TransportError::Timeout) => (None, Last::Timeout),
            Err(TransportError::Network(e)) => (None, Last::Network(e)),
        };
        attempt += 1;
        if attempt >= p.attempts {
            return Ok(Err(Failed::GaveUp(last, attempt)));
        }
        t.sleep(backoff_ms(p, attempt, retry_after, t.random())).await;
    }
}

/// A GET (or any request that needs no re-signing) with retries. Messages name the URL
/// without its query and without credentials.
pub async fn send<T: Transport>(t: &T, p: &Policy, req: Request) -> Result<Response, String> {
    let mut plain = req.clone();
    super::move_credentials(&mut plain);
    let shown = plain.url.split('?').next().unwrap_or("").to_string();
    let method = req.method;
    match with_retries(t, p, || Ok(req.clone())).await? {
        Ok(r) => Ok(r),
        Err(Failed::Refused(status)) => Err(format!("{method} {shown} answered {status}")),
        Err(Failed::GaveUp(last, n)) => {
            let why = match last {
                Last::Status(s) => format!("answered {s}"),
                Last::Timeout => "timed out".into(),
                Last::Network(e) => format!("failed ({e})"),
            };
            Err(format!("{method} {shown} {why}, {n} attempts"))
        }
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
