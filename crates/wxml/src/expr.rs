//! The `{{ }}` expression language: the JavaScript subset WeChat's WXML compiler accepts.
//!
//! Literals (numbers, strings, `true`/`false`/`null`/`undefined`, array and object
//! literals with `...spread` and shorthand keys), identifiers, member and index access,
//! unary `! - + typeof`, arithmetic `* / % + -`, comparison `< > <= >= == != === !==`,
//! logical `&& ||` (returning an operand), `? :`, and calls (only of wxs module functions).
//! The AST is here; parsing is in `expr_parser`, evaluation in `eval`.

use mpsim_base::Span;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    /// Byte span in the .wxml file.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(Rc<str>),
    Array(Vec<ArrayItem>),
    Object(Vec<ObjectItem>),
    Ident(Rc<str>),
    /// `a.b` (the name is the property).
    Member(Box<Expr>, Rc<str>),
    /// `a[b]`.
    Index(Box<Expr>, Box<Expr>),
    /// `f(a, b)` — WeChat only allows calling wxs module functions.
    Call(Box<Expr>, Vec<Expr>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `a && b`, `a || b`: evaluate to one of the operands.
    Logical(LogicalOp, Box<Expr>, Box<Expr>),
    Conditional(Box<Expr>, Box<Expr>, Box<Expr>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum ArrayItem {
    Item(Expr),
    Spread(Expr),
}

#[derive(Clone, Debug, PartialEq)]
pub enum ObjectItem {
    /// `key: value`, or shorthand `key` (value is then `Ident(key)`).
    Property(Rc<str>, Expr),
    Spread(Expr),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
    Plus,
    TypeOf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    StrictEq,
    StrictNe,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogicalOp {
    And,
    Or,
}
