//! GitHub Actions expressions (`${{ … }}` and `if:`), the part our workflow and action use:
//! literals, context paths (`inputs.path`, `steps.install.outputs.installed`), `!`, `&&`,
//! `||`, `==`, `!=`, parentheses and the status functions. Anything else panics, so an
//! action that grows a construct this evaluator does not know fails the test loudly rather
//! than being misread. Semantics from GitHub's "Evaluate expressions in workflows and
//! actions": string comparison ignores case, a missing property is null, null/false/0/""
//! are falsy.

use serde_json::Value;

/// The job's status as the status functions see it.
#[derive(Debug, Clone, Copy)]
pub struct Status {
    pub failed: bool,
}

/// Evaluates an `if:` condition: `${{ … }}` or bare, with GitHub's implicit `success() &&`
/// when no status function is called.
pub fn condition(text: &str, context: &Value, status: Status) -> bool {
    let inner = text.trim();
    let inner = inner
        .strip_prefix("${{")
        .and_then(|t| t.strip_suffix("}}"))
        .unwrap_or(inner);
    let value = evaluate(inner, context, status);
    let has_status = ["success()", "failure()", "cancelled()", "always()"]
        .iter()
        .any(|f| inner.contains(f));
    truthy(&value) && (has_status || !status.failed)
}

/// Replaces every `${{ expr }}` in `text` with its value as a string.
pub fn interpolate(text: &str, context: &Value, status: Status) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("unclosed ${{") + start;
        let value = evaluate(&rest[start + 3..end], context, status);
        out.push_str(&as_string(&value));
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

pub fn evaluate(text: &str, context: &Value, status: Status) -> Value {
    let tokens = tokenize(text);
    let mut parser = Parser {
        tokens: &tokens,
        at: 0,
        context,
        status,
    };
    let value = parser.or();
    assert_eq!(parser.at, tokens.len(), "trailing tokens in `{text}`");
    value
}

pub fn as_string(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

/// Loose equality: strings ignore case; values of different types compare as numbers
/// (null and "" are 0, so `steps.x.outputs.missing == ''` holds).
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.eq_ignore_ascii_case(b),
        (Value::Null, Value::Null) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        _ => number(a) == number(b),
    }
}

fn number(value: &Value) -> f64 {
    match value {
        Value::Null => 0.0,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::Number(n) => n.as_f64().unwrap_or(f64::NAN),
        Value::String(s) if s.trim().is_empty() => 0.0,
        Value::String(s) => s.trim().parse().unwrap_or(f64::NAN),
        _ => f64::NAN,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    Not,
    And,
    Or,
    Eq,
    Ne,
    Str(String),
    Word(String),
}

fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
        let (token, width) = match (chars[i], two.as_str()) {
            (c, _) if c.is_whitespace() => {
                i += 1;
                continue;
            }
            (_, "&&") => (Token::And, 2),
            (_, "||") => (Token::Or, 2),
            (_, "==") => (Token::Eq, 2),
            (_, "!=") => (Token::Ne, 2),
            ('!', _) => (Token::Not, 1),
            ('(', _) => (Token::Open, 1),
            (')', _) => (Token::Close, 1),
            ('\'', _) => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|c| *c == '\'')
                    .expect("unclosed string")
                    + i
                    + 1;
                (Token::Str(chars[i + 1..end].iter().collect()), end + 1 - i)
            }
            (c, _) if c.is_alphanumeric() || c == '_' => {
                let len = chars[i..]
                    .iter()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
                    .count();
                (Token::Word(chars[i..i + len].iter().collect()), len)
            }
            (c, _) => panic!("unsupported character `{c}` in expression `{text}`"),
        };
        tokens.push(token);
        i += width;
    }
    tokens
}

struct Parser<'a> {
    tokens: &'a [Token],
    at: usize,
    context: &'a Value,
    status: Status,
}

impl Parser<'_> {
    fn eat(&mut self, token: &Token) -> bool {
        let found = self.tokens.get(self.at) == Some(token);
        if found {
            self.at += 1;
        }
        found
    }

    fn or(&mut self) -> Value {
        let mut value = self.and();
        while self.eat(&Token::Or) {
            let right = self.and();
            value = if truthy(&value) { value } else { right };
        }
        value
    }

    fn and(&mut self) -> Value {
        let mut value = self.comparison();
        while self.eat(&Token::And) {
            let right = self.comparison();
            value = if truthy(&value) { right } else { value };
        }
        value
    }

    fn comparison(&mut self) -> Value {
        let left = self.unary();
        if self.eat(&Token::Eq) {
            return Value::Bool(equal(&left, &self.unary()));
        }
        if self.eat(&Token::Ne) {
            return Value::Bool(!equal(&left, &self.unary()));
        }
        left
    }

    fn unary(&mut self) -> Value {
        if self.eat(&Token::Not) {
            return Value::Bool(!truthy(&self.unary()));
        }
        if self.eat(&Token::Open) {
            let value = self.or();
            assert!(self.eat(&Token::Close), "missing `)`");
            return value;
        }
        let token = self.tokens.get(self.at).cloned().expect("an operand");
        self.at += 1;
        match token {
            Token::Str(s) => Value::String(s),
            Token::Word(word) => self.word(&word),
            other => panic!("unexpected {other:?}"),
        }
    }

    fn word(&mut self, word: &str) -> Value {
        if self.eat(&Token::Open) {
            assert!(self.eat(&Token::Close), "functions take no argument here");
            return Value::Bool(match word {
                "success" => !self.status.failed,
                "failure" => self.status.failed,
                "cancelled" => false,
                "always" => true,
                other => panic!("unsupported function {other}()"),
            });
        }
        match word {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            path => path
                .split('.')
                .try_fold(self.context, |v, key| v.get(key))
                .cloned()
                .unwrap_or(Value::Null),
        }
    }
}

#[test]
fn the_evaluator_follows_github_semantics() {
    let context = serde_json::json!({
        "inputs": { "sarif": "true", "path": "." },
        "github": { "event_name": "push" },
        "steps": { "install": { "outcome": "success" } },
    });
    let ok = Status { failed: false };
    let failed = Status { failed: true };
    assert!(condition("inputs.sarif == 'TRUE'", &context, ok));
    assert!(!condition(
        "${{ inputs.sarif == 'true' }}",
        &context,
        failed
    ));
    assert!(condition(
        "${{ !cancelled() && steps.install.outcome == 'success' }}",
        &context,
        failed
    ));
    assert!(!condition(
        "github.event_name == 'pull_request' || github.event_name == 'pull_request_target'",
        &context,
        ok
    ));
    assert!(!condition("steps.missing.outputs.x != ''", &context, ok));
    assert_eq!(
        interpolate(
            "a ${{ inputs.path }}/${{ steps.x.outputs.y }}b",
            &context,
            ok
        ),
        "a ./b"
    );
}
