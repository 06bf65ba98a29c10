//! The few Python behaviours the reference scorer relies on, reproduced:
//! `str()` of JSON values, `str.strip`/`split` whitespace, the scorer's
//! `norm`, `round()` and `float.__repr__`.

use serde_json::Value;

/// Reports whether Python's `str.isspace` holds for `c`.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()` without arguments.
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// The scorer's `norm`: lower case, every run of non-alphanumeric characters
/// (and `_`) becomes one space, trimmed.
pub fn norm(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for word in lower.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `norm(s or '')` for a JSON value that should hold a string: anything else
/// that is falsy or not text counts as empty.
pub fn norm_opt(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => norm(s),
        _ => String::new(),
    }
}

/// Python's `repr(float)`: shortest round-trip digits, scientific notation
/// below 1e-4 and from 1e16 on, with a sign and two exponent digits.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if x == 0.0 || (-4..16).contains(&exp) {
        // Rust's Debug format agrees with Python in this range ("4.0", "0.0001").
        return format!("{x:?}");
    }
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exp.unsigned_abs())
}

/// Python's `str()` of a value decoded by `json.loads` (`None`, `True`,
/// `4.0`, `['a', 'b']`, `{'from': 2024}`).
pub fn py_str(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "None".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => repr(other),
    }
}

fn repr(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => number_str(n),
        Value::String(s) => string_repr(s),
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(repr).collect();
            format!("[{}]", inner.join(", "))
        }
        Value::Object(map) => {
            let inner: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", string_repr(k), repr(v)))
                .collect();
            format!("{{{}}}", inner.join(", "))
        }
    }
}

fn number_str(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        float_repr(n.as_f64().unwrap_or(f64::NAN))
    }
}

fn string_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A hashable stand-in for a JSON value that compares the way Python
/// compares the decoded value (`1 == 1.0 == True`).
pub fn key(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "Z".into(),
        Some(Value::Bool(b)) => format!("N{}", u8::from(*b)),
        Some(Value::Number(n)) => number_key(n),
        Some(Value::String(s)) => format!("S{s}"),
        Some(other) => format!("R{}", repr(other)),
    }
}

fn number_key(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        format!("N{i}")
    } else if let Some(u) = n.as_u64() {
        format!("N{u}")
    } else {
        float_key(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// The key of a float: integral floats share the key of the equal integer.
pub fn float_key(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e18 {
        format!("N{}", x as i64)
    } else {
        format!("N{}", float_repr(x))
    }
}

/// Python's `round(float(v))` for an amount value: a number or a numeric
/// string, rounded half to even. `None` where Python would raise.
pub fn round_value(value: &Value) -> Option<f64> {
    let x = match value {
        Value::Number(n) => n.as_f64()?,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::String(s) => strip(s).replace('_', "").parse::<f64>().ok()?,
        _ => return None,
    };
    x.is_finite().then(|| x.round_ties_even())
}

/// Reports whether a JSON value is truthy in Python (`if value:`).
pub fn truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// Shows a key made by [`key`] the way a reader expects the value.
pub fn show_key(key: &str) -> String {
    match key.split_at_checked(1) {
        Some(("Z", _)) => "null".into(),
        Some((_, rest)) => rest.to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn norm_collapses_punctuation_and_case() {
        assert_eq!(
            norm("  Helse- og omsorgsdepartementet_X "),
            "helse og omsorgsdepartementet x"
        );
        assert_eq!(norm("Prop. 1 S (2023–2024)"), "prop 1 s 2023 2024");
        assert_eq!(norm("ÅRLIG møte"), "årlig møte");
        assert_eq!(norm("..."), "");
    }

    #[test]
    fn str_of_values_follows_python() {
        assert_eq!(py_str(None), "None");
        assert_eq!(py_str(Some(&json!(4))), "4");
        assert_eq!(py_str(Some(&json!(4.0))), "4.0");
        assert_eq!(py_str(Some(&json!(0.5))), "0.5");
        assert_eq!(py_str(Some(&json!(true))), "True");
        assert_eq!(py_str(Some(&json!(["a", "b's"]))), r#"['a', "b's"]"#);
        assert_eq!(py_str(Some(&json!({"from": 2024}))), "{'from': 2024}");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1.5e-5), "1.5e-05");
        assert_eq!(float_repr(1e15), "1000000000000000.0");
    }

    #[test]
    fn keys_compare_like_python_values() {
        assert_eq!(key(Some(&json!(1))), key(Some(&json!(1.0))));
        assert_eq!(key(Some(&json!(true))), key(Some(&json!(1))));
        assert_ne!(key(Some(&json!("1"))), key(Some(&json!(1))));
        assert_eq!(key(None), key(Some(&Value::Null)));
    }

    #[test]
    fn rounding_is_half_to_even() {
        assert_eq!(round_value(&json!(2.5)), Some(2.0));
        assert_eq!(round_value(&json!(3.5)), Some(4.0));
        assert_eq!(round_value(&json!("12.5")), Some(12.0));
        assert_eq!(round_value(&json!("x")), None);
    }
}
