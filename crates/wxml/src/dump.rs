//! A compact, readable text form of the IR, for snapshot tests and debugging output.
//!
//! Expressions print in JavaScript syntax with every operation parenthesised, so the
//! parse tree (precedence, associativity) is visible. This is a view, not a format meant
//! to be parsed back.

use crate::expr::{ArrayItem, BinaryOp, Expr, ExprKind, LogicalOp, ObjectItem, UnaryOp};
use crate::ir::{Document, EventKind, ForKey, Interp, Node, Part, WxsSource};
use mpsim_base::value::number_to_string;
use mpsim_base::SourceFile;
use std::fmt::Write;

/// The whole document: nodes, then templates, imports and wxs modules. With `file`,
/// elements show the line:col of their tag name.
pub fn dump_document(doc: &Document, file: Option<&SourceFile>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "document {}", doc.path);
    dump_nodes_into(&mut out, &doc.nodes, file, 1);
    for t in &doc.templates {
        let _ = writeln!(out, "template-def {:?}{}", &*t.name, at(file, t.span.start));
        dump_nodes_into(&mut out, &t.children, file, 1);
    }
    for i in &doc.imports {
        let _ = writeln!(out, "import {:?} -> {}", &*i.src, i.path);
    }
    for w in &doc.wxs {
        match &w.source {
            WxsSource::File { src, path } => {
                let _ = writeln!(out, "wxs {} src {:?} -> {}", w.module, &**src, path);
            }
            WxsSource::Inline { code, offset } => {
                let _ = writeln!(out, "wxs {} inline@{} {:?}", w.module, offset, &**code);
            }
        }
    }
    out
}

/// A list of nodes, one item per line, children indented.
pub fn dump_nodes(nodes: &[Node], file: Option<&SourceFile>) -> String {
    let mut out = String::new();
    dump_nodes_into(&mut out, nodes, file, 0);
    out
}

fn at(file: Option<&SourceFile>, offset: u32) -> String {
    match file {
        Some(f) => {
            let (l, c) = f.line_col(offset);
            format!(" @{l}:{c}")
        }
        None => String::new(),
    }
}

fn dump_nodes_into(out: &mut String, nodes: &[Node], file: Option<&SourceFile>, depth: usize) {
    for n in nodes {
        dump_node(out, n, file, depth);
    }
}

fn line(out: &mut String, depth: usize, text: &str) {
    for _ in 0..depth {
        out.push_str("  ");
    }
    out.push_str(text);
    out.push('\n');
}

fn dump_node(out: &mut String, node: &Node, file: Option<&SourceFile>, depth: usize) {
    match node {
        Node::Element(e) => {
            line(out, depth, &format!("<{}>{}", e.tag, at(file, e.span.start)));
            for a in &e.attrs {
                match &a.value {
                    Some(v) => line(out, depth + 1, &format!("@{} = {}", a.name, interp_to_string(v))),
                    None => line(out, depth + 1, &format!("@{}", a.name)),
                }
            }
            for ev in &e.events {
                let kind = match (ev.kind, ev.capture) {
                    (EventKind::Bind, false) => "bind",
                    (EventKind::Bind, true) => "capture-bind",
                    (EventKind::Catch, false) => "catch",
                    (EventKind::Catch, true) => "capture-catch",
                    (EventKind::MutBind, _) => "mut-bind",
                };
                line(out, depth + 1, &format!("on {kind}:{} = {}", ev.event, interp_to_string(&ev.handler)));
            }
            dump_nodes_into(out, &e.children, file, depth + 1);
        }
        Node::Text(t) => line(out, depth, &format!("text {}", interp_to_string(t))),
        Node::Block(children, _) => {
            line(out, depth, "block");
            dump_nodes_into(out, children, file, depth + 1);
        }
        Node::TemplateCall(c) => {
            let data = c.data.as_ref().map(|d| format!(" data={}", expr_to_string(d))).unwrap_or_default();
            line(out, depth, &format!("template is={}{data}", interp_to_string(&c.is)));
        }
        Node::If(branches) => {
            line(out, depth, "if");
            for b in branches {
                match &b.cond {
                    Some(c) => line(out, depth + 1, &format!("when {}", expr_to_string(c))),
                    None => line(out, depth + 1, "else"),
                }
                dump_node(out, &b.node, file, depth + 2);
            }
        }
        Node::For(f) => {
            let key = match &f.key {
                ForKey::None => "none".to_string(),
                ForKey::This => "*this".to_string(),
                ForKey::Field(k) => format!("{k:?}"),
            };
            let free: Vec<&str> = f.free_vars.iter().map(|v| &**v).collect();
            line(
                out,
                depth,
                &format!(
                    "for {} item={} index={} key={key} free=[{}]",
                    interp_to_string(&f.list),
                    f.item,
                    f.index,
                    free.join(", ")
                ),
            );
            dump_node(out, &f.body, file, depth + 1);
        }
        Node::Include(path, _) => line(out, depth, &format!("include {path}")),
    }
}

/// An interpolation: literal parts quoted, expressions in `{{ }}`.
pub fn interp_to_string(i: &Interp) -> String {
    if i.parts.is_empty() {
        return "\"\"".into();
    }
    let parts: Vec<String> = i
        .parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => format!("{:?}", &**t),
            Part::Expr(e) => format!("{{{{{}}}}}", expr_to_string(e)),
        })
        .collect();
    parts.join(" ")
}

/// An expression in JavaScript syntax, every operation parenthesised.
pub fn expr_to_string(e: &Expr) -> String {
    let mut s = String::new();
    write_expr(&mut s, e);
    s
}

fn write_expr(s: &mut String, e: &Expr) {
    match &e.kind {
        ExprKind::Undefined => s.push_str("undefined"),
        ExprKind::Null => s.push_str("null"),
        ExprKind::Bool(b) => s.push_str(if *b { "true" } else { "false" }),
        ExprKind::Number(n) => s.push_str(&number_to_string(*n)),
        ExprKind::String(t) => {
            let _ = write!(s, "{:?}", &**t);
        }
        ExprKind::Ident(name) => s.push_str(name),
        ExprKind::Member(obj, name) => {
            write_expr(s, obj);
            s.push('.');
            s.push_str(name);
        }
        ExprKind::Index(obj, key) => {
            write_expr(s, obj);
            s.push('[');
            write_expr(s, key);
            s.push(']');
        }
        ExprKind::Call(callee, args) => {
            write_expr(s, callee);
            s.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_expr(s, a);
            }
            s.push(')');
        }
        ExprKind::Unary(op, x) => {
            s.push('(');
            s.push_str(match op {
                UnaryOp::Not => "!",
                UnaryOp::Neg => "-",
                UnaryOp::Plus => "+",
                UnaryOp::TypeOf => "typeof ",
            });
            write_expr(s, x);
            s.push(')');
        }
        ExprKind::Binary(op, l, r) => {
            let o = match op {
                BinaryOp::Add => "+",
                BinaryOp::Sub => "-",
                BinaryOp::Mul => "*",
                BinaryOp::Div => "/",
                BinaryOp::Rem => "%",
                BinaryOp::Lt => "<",
                BinaryOp::Gt => ">",
                BinaryOp::Le => "<=",
                BinaryOp::Ge => ">=",
                BinaryOp::Eq => "==",
                BinaryOp::Ne => "!=",
                BinaryOp::StrictEq => "===",
                BinaryOp::StrictNe => "!==",
            };
            infix(s, l, o, r);
        }
        ExprKind::Logical(op, l, r) => {
            let o = match op {
                LogicalOp::And => "&&",
                LogicalOp::Or => "||",
            };
            infix(s, l, o, r);
        }
        ExprKind::Conditional(t, y, n) => {
            s.push('(');
            write_expr(s, t);
            s.push_str(" ? ");
            write_expr(s, y);
            s.push_str(" : ");
            write_expr(s, n);
            s.push(')');
        }
        ExprKind::Array(items) => {
            s.push('[');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                match it {
                    ArrayItem::Item(x) => write_expr(s, x),
                    ArrayItem::Spread(x) => {
                        s.push_str("...");
                        write_expr(s, x);
                    }
                }
            }
            s.push(']');
        }
        ExprKind::Object(items) => {
            s.push('{');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                match it {
                    ObjectItem::Property(k, x) => {
                        let _ = write!(s, "{:?}: ", &**k);
                        write_expr(s, x);
                    }
                    ObjectItem::Spread(x) => {
                        s.push_str("...");
                        write_expr(s, x);
                    }
                }
            }
            s.push('}');
        }
    }
}

fn infix(s: &mut String, l: &Expr, op: &str, r: &Expr) {
    s.push('(');
    write_expr(s, l);
    let _ = write!(s, " {op} ");
    write_expr(s, r);
    s.push(')');
}
