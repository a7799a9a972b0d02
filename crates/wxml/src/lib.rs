//! WXML: lexer, parser, template IR and the {{ }} expression language
