//! A JSON Schema (draft 2020-12) of the instance body, for editors and form libraries.
//!
//! It describes what we *accept* (strings for numbers and booleans included, a stringified
//! poller configuration included), so an editor never flags a body that validates; the finer
//! rules (patterns that compile, zones that exist) need `validateInstance`.

use serde_json::{json, Value};

pub fn json_schema() -> Value {
    let boolish = json!({ "anyOf": [{ "type": "boolean" }, { "enum": ["true", "false"] }] });
    let whole = |min: u64, what: &str| {
        json!({ "anyOf": [{ "type": "integer", "minimum": min }, { "type": "string", "pattern": "^\\s*[0-9]+\\s*$" }], "description": what })
    };
    let date_keys = json!({
        "updatedDateField": { "type": "string", "description": "Dotted path to the record's last-modified date." },
        "updatedDateFormat": { "type": "string", "description": "Java SimpleDateFormat pattern, or `milliseconds` for epoch ms.", "examples": ["yyyy-MM-dd'T'HH:mm:ssXXX", "milliseconds"] },
        "updatedDateTimezone": { "type": "string", "description": "Zone for dates without an offset: IANA name, GMT, PST, +05:30.", "examples": ["GMT", "America/Denver"] },
        "createdDateField": { "type": "string", "description": "Dotted path to the record's creation date." },
        "createdDateFormat": { "type": "string", "description": "As updatedDateFormat." },
        "createdDateTimezone": { "type": "string", "description": "As updatedDateTimezone." }
    });
    let resource = json!({
        "type": "object",
        "required": ["url"],
        "properties": {
            "url": { "type": "string", "minLength": 1, "description": "Path or http(s) URL; placeholders ${gmtDate:F}, ${date:F}, ${date}, ${dateTimeZone:Z:F}, ${nowTimeZone:Z:F}, ${epoch}, ${epoch:s|ms|us}." },
            "idField": { "type": "string", "description": "Dotted path to the record id (the event's objectId)." },
            "datesConfiguration": { "type": "object", "properties": date_keys, "additionalProperties": false },
            "filterByUpdatedDate": boolish.clone(),
            "filterByCurrentDate": boolish.clone(),
            "createdCheckTolerance": whole(0, "Seconds between created and updated dates that still count as CREATED."),
            "pageSize": whole(1, "Records per page."),
            "pollDelay": whole(0, "Seconds subtracted from the last poll time (lookback).")
        }
    });
    let poller = json!({
        "type": "object",
        "description": "Per resource (the event objectType): what to poll and how to read its dates.",
        "additionalProperties": { "$ref": "#/$defs/resource" }
    });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://element-poller.dev/schema/instance.json",
        "title": "Element instance body with polling events",
        "type": "object",
        "$defs": { "resource": resource, "pollerConfiguration": poller },
        "properties": {
            "name": { "type": "string" },
            "element": { "type": "object", "required": ["key"], "properties": { "key": { "type": "string", "minLength": 1 } } },
            "providerData": { "type": "object" },
            "tags": { "type": "array", "items": { "type": "string" } },
            "configuration": {
                "type": "object",
                "properties": {
                    "event.notification.enabled": boolish,
                    "event.vendor.type": { "enum": ["polling", "webhook", "webhooks"] },
                    "event.notification.callback.url": { "anyOf": [{ "type": "string", "pattern": "^https?://" }, { "type": "null" }] },
                    "event.poller.refresh_interval": whole(1, "Minutes between polls."),
                    "event.notification.signature.key": { "type": ["string", "null"], "writeOnly": true },
                    "event.poller.configuration": { "anyOf": [{ "$ref": "#/$defs/pollerConfiguration" }, { "type": "string", "contentMediaType": "application/json" }, { "type": "null" }] },
                    "event.poller.urls": { "type": "string", "description": "Legacy: name|url|xPath|updatedField|updatedFormat|updatedZone|createdField|createdFormat|createdZone per line." }
                }
            }
        }
    })
}
