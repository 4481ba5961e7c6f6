//! The editing requests: code actions, completion, semantic tokens, inlay hints, rename,
//! document highlight, selection range and workspace symbols. Each function takes a snapshot
//! and the request's parameters and returns protocol types; the features live in `crate::ide`.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::{Error, ErrorCode};
use tower_lsp_server::ls_types::*;

use super::convert;
use super::store::Snapshot;
use crate::analysis::Lang;
use crate::ide;
use crate::text::{line_spans, PositionEncoding, Rope};

/// What the client can take, for the editing requests; read once at `initialize`.
#[derive(Clone, Copy, Debug, Default)]
pub struct EditFlags {
    /// `workspace.workspaceEdit.documentChanges`: versioned edits.
    pub document_changes: bool,
    /// `completionItem.snippetSupport`.
    pub snippets: bool,
    /// `completionItem.documentationFormat` holds `markdown`.
    pub markdown_docs: bool,
    /// `semanticTokens.multilineTokenSupport`.
    pub multiline_tokens: bool,
}

impl EditFlags {
    pub fn from_capabilities(caps: &ClientCapabilities) -> EditFlags {
        let td = caps.text_document.as_ref();
        let item = td
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref());
        EditFlags {
            document_changes: caps
                .workspace
                .as_ref()
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            snippets: item.and_then(|i| i.snippet_support).unwrap_or(false),
            markdown_docs: item
                .and_then(|i| i.documentation_format.as_ref())
                .is_some_and(|f| f.contains(&MarkupKind::Markdown)),
            multiline_tokens: td
                .and_then(|t| t.semantic_tokens.as_ref())
                .and_then(|s| s.multiline_token_support)
                .unwrap_or(false),
        }
    }
}

/// The code action kind of the document-wide safe fixes.
pub const FIX_ALL_KIND: CodeActionKind = CodeActionKind::new("source.fixAll.griffel");

/// Adds the editing capabilities to the server's.
pub fn with_capabilities(mut caps: ServerCapabilities) -> ServerCapabilities {
    caps.code_action_provider = Some(CodeActionProviderCapability::Options(CodeActionOptions {
        code_action_kinds: Some(vec![
            CodeActionKind::QUICKFIX,
            CodeActionKind::REFACTOR_REWRITE,
            FIX_ALL_KIND,
        ]),
        resolve_provider: Some(false),
        work_done_progress_options: Default::default(),
    }));
    caps.completion_provider = Some(CompletionOptions {
        trigger_characters: Some(vec![" ".to_string()]),
        ..Default::default()
    });
    caps.semantic_tokens_provider = Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
        SemanticTokensOptions {
            legend: legend(),
            range: Some(true),
            full: Some(SemanticTokensFullOptions::Bool(true)),
            work_done_progress_options: Default::default(),
        },
    ));
    caps.inlay_hint_provider = Some(OneOf::Left(true));
    caps.rename_provider = Some(OneOf::Right(RenameOptions {
        prepare_provider: Some(true),
        work_done_progress_options: Default::default(),
    }));
    caps.document_highlight_provider = Some(OneOf::Left(true));
    caps.selection_range_provider = Some(SelectionRangeProviderCapability::Simple(true));
    caps.workspace_symbol_provider = Some(OneOf::Left(true));
    caps
}

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: ide::TOKEN_TYPES
            .iter()
            .map(|t| SemanticTokenType::new(t))
            .collect(),
        token_modifiers: ide::TOKEN_MODIFIERS
            .iter()
            .map(|m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

/// An edit of exactly this version of the document: versioned when the client takes that, so
/// it refuses the edit once the text has changed.
pub fn workspace_edit(
    s: &Snapshot,
    uri: &Uri,
    edits: Vec<ide::TextEdit>,
    flags: EditFlags,
) -> WorkspaceEdit {
    let edits: Vec<TextEdit> = edits
        .into_iter()
        .map(|e| TextEdit {
            range: convert::range(s, e.range),
            new_text: e.new_text,
        })
        .collect();
    if flags.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: Some(s.version),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..Default::default()
        }
    }
}

/// Whether an action of `kind` was asked for (`only` filters hierarchically: `source` takes
/// `source.fixAll.griffel`).
fn wanted(only: &Option<Vec<CodeActionKind>>, kind: &CodeActionKind) -> bool {
    match only {
        None => true,
        Some(kinds) => kinds.iter().any(|k| {
            let (k, kind) = (k.as_str(), kind.as_str());
            kind == k || kind.starts_with(&format!("{k}."))
        }),
    }
}

pub fn code_actions(
    s: &Snapshot,
    uri: &Uri,
    params: CodeActionParams,
    flags: EditFlags,
) -> CodeActionResponse {
    let a = s.analysis();
    // The client's diagnostics are the ones it shows: if one of ours is not what this version
    // has, they were computed for another text, and a fix for them could break it. (Compared
    // in byte offsets, so only the client's few diagnostics are converted.)
    let stale = params
        .context
        .diagnostics
        .iter()
        .filter(|d| d.source.as_deref() == Some("griffel"))
        // GRF902 is made when publishing (`limits::published`), not by the analysis.
        .filter(|d| d.code != Some(NumberOrString::String("GRF902".into())))
        .any(|d| {
            let r = convert::offset(s, d.range.start)..convert::offset(s, d.range.end);
            let code = match &d.code {
                Some(NumberOrString::String(c)) => c.as_str(),
                _ => "",
            };
            let i = a.diagnostics.partition_point(|x| x.range.start < r.start);
            !a.diagnostics[i..]
                .iter()
                .take_while(|x| x.range.start == r.start)
                .any(|x| {
                    x.range == r
                        && x.code == code
                        && *x.message == *d.message
                        && convert::range(s, x.range.clone()) == d.range
                })
        });
    if stale {
        return Vec::new();
    }
    let range = convert::offset(s, params.range.start)..convert::offset(s, params.range.end);
    let only = params.context.only;
    // The document-wide actions wherever the cursor is only for a client that asks for them.
    let document_wide = only.as_ref().is_some_and(|kinds| {
        kinds
            .iter()
            .any(|k| wanted(&Some(vec![k.clone()]), &FIX_ALL_KIND))
    });
    let touches = |r: &std::ops::Range<usize>| r.start <= range.end && range.start <= r.end;
    ide::code_actions_with(&a, range.clone(), s.config(), document_wide)
        .into_iter()
        .filter_map(|x| {
            let kind = match x.kind {
                ide::ActionKind::QuickFix => CodeActionKind::QUICKFIX,
                ide::ActionKind::FixAll => FIX_ALL_KIND,
                ide::ActionKind::Rewrite => CodeActionKind::REFACTOR_REWRITE,
            };
            if !wanted(&only, &kind) {
                return None;
            }
            // The diagnostics it resolves, of those at the cursor (a document-wide action
            // resolves thousands on a large report; the client needs the ones it asked about).
            let diagnostics: Vec<Diagnostic> = x
                .fixes
                .iter()
                .filter_map(|&i| a.diagnostics.get(i))
                .filter(|d| touches(&d.range))
                .map(|d| convert::diagnostic(s, uri, d))
                .collect();
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: x.title,
                kind: Some(kind),
                diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
                edit: Some(workspace_edit(s, uri, x.edits, flags)),
                is_preferred: x.preferred.then_some(true),
                ..Default::default()
            }))
        })
        .collect()
}

pub fn completion(
    s: &Snapshot,
    position: Position,
    flags: EditFlags,
) -> Option<CompletionResponse> {
    let a = s.analysis();
    let found = ide::completions(&a, convert::offset(s, position), s.config());
    if found.items.is_empty() {
        return None;
    }
    let items = found
        .items
        .into_iter()
        .map(|c| {
            let (text, format) = match (&c.snippet, flags.snippets) {
                (Some(snip), true) => (snip.clone(), InsertTextFormat::SNIPPET),
                _ => (c.insert.clone(), InsertTextFormat::PLAIN_TEXT),
            };
            CompletionItem {
                label: c.label,
                kind: Some(match c.kind {
                    ide::CompletionKind::Question => CompletionItemKind::REFERENCE,
                    ide::CompletionKind::Fractie => CompletionItemKind::CLASS,
                    ide::CompletionKind::Paper => CompletionItemKind::FILE,
                    ide::CompletionKind::Marker if format == InsertTextFormat::SNIPPET => {
                        CompletionItemKind::SNIPPET
                    }
                    ide::CompletionKind::Marker => CompletionItemKind::KEYWORD,
                }),
                detail: c.detail,
                documentation: c.documentation.map(|d| {
                    if flags.markdown_docs {
                        Documentation::MarkupContent(MarkupContent {
                            kind: MarkupKind::Markdown,
                            value: d.markdown,
                        })
                    } else {
                        Documentation::String(d.plain)
                    }
                }),
                preselect: c.preselect.then_some(true),
                sort_text: Some(c.sort),
                filter_text: c.filter,
                insert_text_format: Some(format),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: convert::range(s, c.replace),
                    new_text: text,
                })),
                ..Default::default()
            }
        })
        .collect();
    Some(CompletionResponse::List(CompletionList {
        is_incomplete: found.incomplete,
        items,
    }))
}

/// The protocol's relative encoding of semantic tokens, in `enc`, split at line ends unless
/// `multiline`.
pub fn encode_semantic_tokens(
    rope: &Rope,
    tokens: &[ide::Token],
    enc: PositionEncoding,
    multiline: bool,
) -> Vec<SemanticToken> {
    let spans = line_spans(rope, tokens.iter().map(|t| t.range.clone()), enc, multiline);
    let mut out = Vec::with_capacity(spans.len());
    let (mut line, mut col) = (0u32, 0u32);
    for sp in spans {
        let Some(t) = tokens.get(sp.index) else {
            continue;
        };
        let delta_line = sp.line - line;
        let delta_start = if delta_line == 0 {
            sp.character - col
        } else {
            sp.character
        };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: sp.length,
            token_type: t.ty as u32,
            token_modifiers_bitset: t.modifiers,
        });
        line = sp.line;
        col = sp.character;
    }
    out
}

pub fn semantic_tokens(s: &Snapshot, range: Option<Range>, flags: EditFlags) -> SemanticTokens {
    let a = s.analysis();
    let within = range.map(|r| convert::offset(s, r.start)..convert::offset(s, r.end));
    let tokens = ide::semantic_tokens(&a, within);
    SemanticTokens {
        result_id: None,
        data: encode_semantic_tokens(&a.text, &tokens, s.encoding, flags.multiline_tokens),
    }
}

pub fn inlay_hints(s: &Snapshot, range: Range, lang: Lang) -> Vec<InlayHint> {
    let a = s.analysis();
    let within = convert::offset(s, range.start)..convert::offset(s, range.end);
    ide::inlay_hints(&a, within, lang)
        .into_iter()
        .map(|h| InlayHint {
            position: convert::range(s, h.offset..h.offset).start,
            label: InlayHintLabel::String(h.label),
            kind: match h.kind {
                ide::HintKind::QuestionNumber => Some(InlayHintKind::PARAMETER),
                ide::HintKind::NoteNumber => None,
            },
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(h.tooltip)),
            padding_left: Some(h.padding_left),
            padding_right: Some(h.padding_right),
            data: None,
        })
        .collect()
}

pub fn prepare_rename(s: &Snapshot, position: Position) -> Option<PrepareRenameResponse> {
    let a = s.analysis();
    let t = ide::prepare_rename(&a, convert::offset(s, position))?;
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: convert::range(s, t.range),
        placeholder: t.placeholder,
    })
}

/// LSP 3.17's `RequestFailed`: the request was valid but could not be carried out.
const REQUEST_FAILED: i64 = -32803;

pub fn rename(
    s: &Snapshot,
    uri: &Uri,
    position: Position,
    new_name: &str,
    lang: Lang,
    flags: EditFlags,
) -> Result<Option<WorkspaceEdit>, Error> {
    let a = s.analysis();
    match ide::rename(&a, convert::offset(s, position), new_name, lang) {
        Ok(edits) => Ok(Some(workspace_edit(s, uri, edits, flags))),
        Err(message) => Err(Error {
            code: ErrorCode::ServerError(REQUEST_FAILED),
            message: message.into(),
            data: None,
        }),
    }
}

pub fn highlights(s: &Snapshot, position: Position) -> Option<Vec<DocumentHighlight>> {
    let a = s.analysis();
    let found = ide::highlights(&a, convert::offset(s, position));
    (!found.is_empty()).then(|| {
        found
            .into_iter()
            .map(|h| DocumentHighlight {
                range: convert::range(s, h.range),
                kind: Some(match h.kind {
                    ide::HighlightKind::Text => DocumentHighlightKind::TEXT,
                    ide::HighlightKind::Read => DocumentHighlightKind::READ,
                    ide::HighlightKind::Write => DocumentHighlightKind::WRITE,
                }),
            })
            .collect()
    })
}

pub fn selection_ranges(s: &Snapshot, positions: &[Position]) -> Vec<SelectionRange> {
    let a = s.analysis();
    positions
        .iter()
        .map(|&p| {
            let offset = convert::offset(s, p);
            let chain = ide::selection_ranges(&a, offset);
            // Built from the outside in: each range's parent is the next larger one.
            let mut sel: Option<SelectionRange> = None;
            for r in chain.into_iter().rev() {
                sel = Some(SelectionRange {
                    range: convert::range(s, r),
                    parent: sel.map(Box::new),
                });
            }
            sel.unwrap_or(SelectionRange {
                range: convert::range(s, offset..offset),
                parent: None,
            })
        })
        .collect()
}

/// The most symbols a workspace query returns.
const MAX_SYMBOLS: usize = 1000;

pub fn workspace_symbols(
    docs: &[(Uri, Snapshot)],
    query: &str,
    lang: Lang,
) -> Vec<WorkspaceSymbol> {
    let mut found: Vec<(u8, &Uri, usize, WorkspaceSymbol)> = Vec::new();
    for (uri, s) in docs {
        let a = s.analysis();
        for x in ide::workspace_symbols(&a, query, lang) {
            let start = x.range.start;
            let symbol = WorkspaceSymbol {
                name: x.name,
                kind: match x.kind {
                    ide::SymbolKind::Fractie => SymbolKind::CLASS,
                    ide::SymbolKind::Topic => SymbolKind::STRUCT,
                    ide::SymbolKind::Question => SymbolKind::STRING,
                    ide::SymbolKind::Section => SymbolKind::MODULE,
                    ide::SymbolKind::Header => SymbolKind::NAMESPACE,
                },
                tags: None,
                container_name: x.container,
                location: OneOf::Left(Location::new(uri.clone(), convert::range(s, x.range))),
                data: None,
            };
            found.push((x.score, uri, start, symbol));
        }
    }
    found.sort_by(|a, b| (a.0, a.1.as_str(), a.2).cmp(&(b.0, b.1.as_str(), b.2)));
    found
        .into_iter()
        .take(MAX_SYMBOLS)
        .map(|(_, _, _, s)| s)
        .collect()
}
