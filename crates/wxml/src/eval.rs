//! Evaluation of `{{ }}` expressions and interpolated values against template data, with
//! JavaScript's semantics for every operator.
//!
//! One deliberate difference from JavaScript, which WeChat's templates share: reading a
//! property of `undefined` or `null` yields `undefined` instead of throwing. Calls go to
//! the [`Env`] (only wxs module functions can be called). Nothing here knows about
//! scopes, components or rendering; the caller's `Env` supplies variables.

use crate::expr::{ArrayItem, BinaryOp, Expr, ExprKind, LogicalOp, ObjectItem, UnaryOp};
use crate::ir::{Interp, Part};
use mpsim_base::{Map, Span, Value};
use std::rc::Rc;

/// Where an expression's free identifiers and calls are resolved.
pub trait Env {
    /// The value of a root identifier (`undefined` when unbound).
    fn lookup(&self, name: &str) -> Value;

    /// Calls a function reached from the identifier `root` through `path`
    /// (`m.fmt.pad(x)` is `call("m", ["fmt", "pad"], [x])`).
    fn call(&self, root: &str, path: &[Value], args: Vec<Value>, span: Span) -> Value;
}

/// Evaluates an expression.
pub fn eval(expr: &Expr, env: &dyn Env) -> Value {
    match &expr.kind {
        ExprKind::Undefined => Value::Undefined,
        ExprKind::Null => Value::Null,
        ExprKind::Bool(b) => Value::Bool(*b),
        ExprKind::Number(n) => Value::Number(*n),
        ExprKind::String(s) => Value::String(s.clone()),
        ExprKind::Ident(name) => env.lookup(name),
        ExprKind::Member(obj, name) => eval(obj, env).get(name),
        ExprKind::Index(obj, key) => {
            let o = eval(obj, env);
            let k = eval(key, env);
            if o.is_nullish() {
                Value::Undefined
            } else {
                o.get_value(&k)
            }
        }
        ExprKind::Call(callee, args) => call(callee, args, expr.span, env),
        ExprKind::Unary(op, operand) => {
            let v = eval(operand, env);
            match op {
                UnaryOp::Not => Value::Bool(!v.truthy()),
                UnaryOp::Neg => Value::Number(-v.to_number()),
                UnaryOp::Plus => Value::Number(v.to_number()),
                UnaryOp::TypeOf => Value::str(v.type_of()),
            }
        }
        ExprKind::Binary(op, l, r) => binary(*op, &eval(l, env), &eval(r, env)),
        ExprKind::Logical(op, l, r) => {
            let left = eval(l, env);
            match (op, left.truthy()) {
                (LogicalOp::And, true) | (LogicalOp::Or, false) => eval(r, env),
                _ => left,
            }
        }
        ExprKind::Conditional(test, yes, no) => {
            if eval(test, env).truthy() {
                eval(yes, env)
            } else {
                eval(no, env)
            }
        }
        ExprKind::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    ArrayItem::Item(e) => out.push(eval(e, env)),
                    ArrayItem::Spread(e) => spread_into_array(eval(e, env), &mut out),
                }
            }
            Value::array(out)
        }
        ExprKind::Object(items) => {
            let mut map = Map::with_capacity(items.len());
            for item in items {
                match item {
                    ObjectItem::Property(key, e) => {
                        map.insert(key.clone(), eval(e, env));
                    }
                    ObjectItem::Spread(e) => spread_into_object(eval(e, env), &mut map),
                }
            }
            Value::object(map)
        }
    }
}

/// Evaluates an interpolated value: a lone `{{expr}}` gives the value itself; anything
/// else is a string in which each expression contributes its text (`undefined` → "").
pub fn eval_interp(interp: &Interp, env: &dyn Env) -> Value {
    match interp.parts.as_slice() {
        [] => Value::str(""),
        [Part::Expr(e)] => eval(e, env),
        [Part::Text(t)] => Value::String(t.clone()),
        parts => {
            let mut out = String::new();
            for part in parts {
                match part {
                    Part::Text(t) => out.push_str(t),
                    Part::Expr(e) => out.push_str(&eval(e, env).to_text()),
                }
            }
            Value::String(Rc::from(out))
        }
    }
}

/// A call: only callees rooted at an identifier reach the environment.
fn call(callee: &Expr, args: &[Expr], span: Span, env: &dyn Env) -> Value {
    let mut path = Vec::new();
    let mut cur = callee;
    let root = loop {
        match &cur.kind {
            ExprKind::Ident(name) => break name,
            ExprKind::Member(obj, name) => {
                path.push(Value::String(name.clone()));
                cur = obj;
            }
            ExprKind::Index(obj, key) => {
                path.push(eval(key, env));
                cur = obj;
            }
            _ => return Value::Undefined,
        }
    };
    path.reverse();
    let args = args.iter().map(|a| eval(a, env)).collect();
    env.call(root, &path, args, span)
}

fn spread_into_array(v: Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(items) => out.extend(items.iter().cloned()),
        // Strings spread by code point, as JavaScript's string iterator does.
        Value::String(s) => out.extend(s.chars().map(|c| Value::from(c.to_string()))),
        // JavaScript throws for other values; a template just gets nothing.
        _ => {}
    }
}

fn spread_into_object(v: Value, map: &mut Map) {
    match v {
        Value::Object(src) => {
            for (k, v) in src.iter() {
                map.insert(k.clone(), v.clone());
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                map.insert(Rc::from(i.to_string()), v.clone());
            }
        }
        Value::String(s) => {
            for (i, unit) in s.encode_utf16().enumerate() {
                map.insert(Rc::from(i.to_string()), Value::from(String::from_utf16_lossy(&[unit])));
            }
        }
        // Spreading a primitive, `null` or `undefined` adds nothing, as in JavaScript.
        _ => {}
    }
}

fn binary(op: BinaryOp, a: &Value, b: &Value) -> Value {
    match op {
        BinaryOp::Add => a.js_add(b),
        BinaryOp::Sub => Value::Number(a.to_number() - b.to_number()),
        BinaryOp::Mul => Value::Number(a.to_number() * b.to_number()),
        BinaryOp::Div => Value::Number(a.to_number() / b.to_number()),
        // Rust's `%` on f64 is C's fmod, which is JavaScript's remainder (sign of the
        // dividend; NaN for a zero divisor or an infinite dividend).
        BinaryOp::Rem => Value::Number(a.to_number() % b.to_number()),
        BinaryOp::Lt => Value::Bool(less_than(a, b, false)),
        BinaryOp::Gt => Value::Bool(less_than(b, a, false)),
        BinaryOp::Le => Value::Bool(less_than(b, a, true)),
        BinaryOp::Ge => Value::Bool(less_than(a, b, true)),
        BinaryOp::Eq => Value::Bool(a.loose_eq(b)),
        BinaryOp::Ne => Value::Bool(!a.loose_eq(b)),
        BinaryOp::StrictEq => Value::Bool(a.strict_eq(b)),
        BinaryOp::StrictNe => Value::Bool(!a.strict_eq(b)),
    }
}

/// JavaScript's Abstract Relational Comparison. With `negate` false this is `x < y`; with
/// `negate` true it is `!(x < y)` except that a NaN comparison stays false, which is how
/// `<=` and `>=` are defined (`a <= b` is `!(b < a)`, and `a >= b` is `!(a < b)`).
fn less_than(x: &Value, y: &Value, negate: bool) -> bool {
    let px = x.to_primitive();
    let py = y.to_primitive();
    if let (Value::String(a), Value::String(b)) = (&px, &py) {
        // Strings compare by UTF-16 code units.
        let lt = a.encode_utf16().lt(b.encode_utf16());
        return lt != negate;
    }
    let a = px.to_number();
    let b = py.to_number();
    if a.is_nan() || b.is_nan() {
        return false;
    }
    (a < b) != negate
}
