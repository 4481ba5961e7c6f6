-- End-to-end test of the griffel Neovim plugin against the real server, in the real editor.
--
-- Run (from the repository root, griffel on PATH):
--   GRIFFEL_SAMPLE=../shared/samples/vso-jbz-2025-10.txt \
--   nvim --headless -u NONE -i NONE -n --cmd 'set rtp^=editors/nvim' -c 'luafile editors/nvim/test/e2e.lua'
--
-- Everything goes through the plugin and the user-facing Neovim functions: filetype detection,
-- require("griffel").setup{}, vim.diagnostic, vim.lsp.buf.hover/definition (floating window,
-- cursor), documentSymbol, a typed edit and :undo, :checkhealth griffel.
-- Results go to stdout, one line per check, and a closing "N passed, N failed" line; the exit
-- code is 1 when any check failed.

local out = io.stdout
local passed, failed = 0, 0
local TIMEOUT = tonumber(os.getenv("GRIFFEL_E2E_TIMEOUT_MS") or "") or 15000

local function say(s)
  out:write(s .. "\n")
  out:flush()
end

local function check(name, fn)
  local ok, err = pcall(fn)
  if ok then
    passed = passed + 1
    say("ok   - " .. name)
  else
    failed = failed + 1
    say("FAIL - " .. name .. ": " .. tostring(err))
  end
  return ok
end

local function wait(what, cond, ms)
  if not vim.wait(ms or TIMEOUT, cond, 20) then
    error("timed out waiting for " .. what, 2)
  end
end

local function expect(cond, msg)
  if not cond then
    error(msg, 2)
  end
end

-- Count publishes per URI: vim.diagnostic.get() cannot tell "not yet published" from "none".
local publishes = {}
local orig_publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  if result and result.uri then
    publishes[result.uri] = (publishes[result.uri] or 0) + 1
  end
  return orig_publish(err, result, ctx, config)
end

local function copy(src, dst)
  local f = assert(io.open(src, "rb"))
  local data = f:read("*a")
  f:close()
  local g = assert(io.open(dst, "wb"))
  g:write(data)
  g:close()
end

local function by_code(buf, code)
  local out_ = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then
      table.insert(out_, d)
    end
  end
  return out_
end

local function float_lines()
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= "" then
      local b = vim.api.nvim_win_get_buf(w)
      return table.concat(vim.api.nvim_buf_get_lines(b, 0, -1, false), "\n"), w
    end
  end
  return nil
end

local function close_floats()
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= "" then
      pcall(vim.api.nvim_win_close, w, true)
    end
  end
end

local function main()
  local sample = os.getenv("GRIFFEL_SAMPLE") or "../shared/samples/vso-jbz-2025-10.txt"
  local tmp = vim.fn.tempname()
  vim.fn.mkdir(tmp, "p")
  -- A copy: the shared sample is read-only, and a .txt tests detection by content.
  local file = tmp .. "/vso-jbz-2025-10.txt"
  copy(sample, file)

  local attached = {}
  require("griffel").setup({
    detect_txt = true,
    settings = { diagnosticsDelayMs = 50 },
    on_attach = function(bufnr, client)
      attached[bufnr] = client.id
    end,
  })

  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)

  check("a .txt export is detected by its content (filetype griffel)", function()
    expect(vim.bo[buf].filetype == "griffel", "filetype is '" .. vim.bo[buf].filetype .. "'")
  end)

  check("the server starts and attaches through the plugin", function()
    wait("the client to attach", function()
      return attached[buf] ~= nil
    end)
    local c = vim.lsp.get_client_by_id(attached[buf])
    expect(c and c.name == "griffel", "no griffel client")
  end)

  check("diagnostics: GRF401 at the … on line 12, GRF304 hints on the header's references", function()
    wait("the first publishDiagnostics", function()
      return (publishes[uri] or 0) > 0
    end)
    local ph = by_code(buf, "GRF401")
    expect(#ph == 1, "expected one GRF401, got " .. #ph)
    local line = vim.api.nvim_buf_get_lines(buf, 11, 12, false)[1]
    local col = line:find("…", 1, true) - 1
    expect(ph[1].lnum == 11 and ph[1].col == col, ("GRF401 at %d:%d, expected 11:%d"):format(ph[1].lnum, ph[1].col, col))
    expect(ph[1].severity == vim.diagnostic.severity.WARN, "GRF401 is not a warning")
    local hints = by_code(buf, "GRF304")
    local header = 0
    for _, d in ipairs(hints) do
      expect(d.severity == vim.diagnostic.severity.HINT, "GRF304 is not a hint")
      if d.lnum >= 5 and d.lnum <= 9 then
        header = header + 1
      end
    end
    expect(header >= 5, "expected GRF304 on the header lines 6-10, got " .. header)
  end)

  -- Line 58 holds [footnoteRef:2] and, at the end of the paragraph, its body [2: …].
  local l58 = vim.api.nvim_buf_get_lines(buf, 57, 58, false)[1]
  local ref = assert(l58:find("[footnoteRef:2]", 1, true), "no [footnoteRef:2] on line 58")
  local body = assert(l58:find("[2:", 1, true), "no [2: on line 58")

  check("hover on [footnoteRef:2] shows note 1 and its text", function()
    vim.api.nvim_win_set_cursor(0, { 58, ref + 2 })
    vim.lsp.buf.hover()
    local text
    wait("the hover window", function()
      text = float_lines()
      return text ~= nil
    end)
    close_floats()
    expect(text:find("Voetnoot 1", 1, true), "hover without 'Voetnoot 1': " .. text)
    expect(text:find("Tweede Kamer", 1, true), "hover without the note's text: " .. text)
  end)

  check("go to definition jumps from [footnoteRef:2] to its body", function()
    vim.api.nvim_win_set_cursor(0, { 58, ref + 2 })
    vim.lsp.buf.definition()
    wait("the cursor to move", function()
      local c = vim.api.nvim_win_get_cursor(0)
      return c[2] ~= ref + 2 or c[1] ~= 58
    end)
    local c = vim.api.nvim_win_get_cursor(0)
    expect(c[1] == 58, "cursor on line " .. c[1])
    -- The target is the body: its "[2:" or the start of its text just after.
    local rest = l58:sub(c[2] + 1)
    expect(c[2] >= body - 1 and c[2] <= body + 8, ("cursor at col %d, body at %d: %s"):format(c[2], body - 1, rest:sub(1, 30)))
  end)

  check("the outline lists the fractie sections GroenLinks-PvdA and NSC", function()
    local res = vim.lsp.buf_request_sync(buf, "textDocument/documentSymbol", { textDocument = { uri = uri } }, TIMEOUT)
    expect(res, "no answer")
    local names = {}
    local function walk(list, depth)
      for _, s in ipairs(list or {}) do
        table.insert(names, s.name)
        walk(s.children, depth + 1)
      end
    end
    for _, r in pairs(res) do
      expect(not r.err, "error: " .. vim.inspect(r.err))
      walk(r.result, 0)
    end
    local all = table.concat(names, " | ")
    expect(all:find("GroenLinks-PvdA", 1, true), "no GroenLinks-PvdA in " .. all)
    expect(all:find("NSC", 1, true), "no NSC in " .. all)
  end)

  check("typing an unanswered question adds GRF101; undo clears it", function()
    expect(#by_code(buf, "GRF101") == 0, "GRF101 before the edit")
    local n = vim.api.nvim_buf_line_count(buf)
    local before = publishes[uri]
    -- A real insert, as typed: go to the end, open a line, type, leave insert mode.
    vim.api.nvim_win_set_cursor(0, { n, 0 })
    vim.api.nvim_feedkeys(
      vim.api.nvim_replace_termcodes("Go" .. "De leden van de NSC-fractie vragen of de minister de planning kan toelichten?<Esc>", true, false, true),
      "xt",
      false
    )
    wait("GRF101 to appear", function()
      return publishes[uri] > before and #by_code(buf, "GRF101") == 1
    end)
    local d = by_code(buf, "GRF101")[1]
    expect(d.lnum == n, ("GRF101 on line %d, expected %d"):format(d.lnum + 1, n + 1))
    before = publishes[uri]
    vim.cmd("undo")
    expect(vim.api.nvim_buf_line_count(buf) == n, "undo did not remove the line")
    wait("GRF101 to disappear", function()
      return publishes[uri] > before and #by_code(buf, "GRF101") == 0
    end)
    expect(#by_code(buf, "GRF401") == 1, "GRF401 lost after undo")
  end)

  check("settings reach the server: severity GRF304=off removes the hints", function()
    local before = publishes[uri]
    require("griffel").configure({ severity = { GRF304 = "off" } })
    wait("GRF304 to disappear", function()
      return publishes[uri] > before and #by_code(buf, "GRF304") == 0
    end)
    expect(#by_code(buf, "GRF401") == 1, "GRF401 lost")
  end)

  check("a .verslag file gets filetype griffel and the same server", function()
    local f2 = tmp .. "/leeg.verslag"
    local h = assert(io.open(f2, "w"))
    h:write(table.concat({
      "Vragen en opmerkingen van de leden van de NSC-fractie",
      "De leden van de NSC-fractie hebben kennisgenomen van de brief.",
      "Kan de minister dit toelichten?",
      "Antwoord",
      "Ja.",
      "Deze leden vragen of de minister de planning kan toelichten?",
      "",
    }, "\n"))
    h:close()
    vim.cmd("edit " .. vim.fn.fnameescape(f2))
    local b2 = vim.api.nvim_get_current_buf()
    expect(vim.bo[b2].filetype == "griffel", "filetype is '" .. vim.bo[b2].filetype .. "'")
    wait("the client to attach", function()
      return attached[b2] ~= nil
    end)
    expect(attached[b2] == attached[buf], "a second server was started for the same folder")
    wait("GRF101 on the unanswered question", function()
      return #by_code(b2, "GRF101") == 1
    end)
    vim.cmd("buffer " .. buf)
  end)

  check(":checkhealth griffel reports the server as found", function()
    vim.cmd("checkhealth griffel")
    local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
    vim.cmd("tabclose")
    expect(not text:find("ERROR", 1, true), "errors in checkhealth:\n" .. text)
    expect(text:find("OK", 1, true) and text:find("griffel", 1, true), "unexpected checkhealth:\n" .. text)
    expect(text:find("attached to", 1, true), "no attached client in checkhealth:\n" .. text)
  end)
end

local ok, err = pcall(main)
if not ok then
  failed = failed + 1
  say("FAIL - test script error: " .. tostring(err))
end
say(("%d passed, %d failed"):format(passed, failed))
if failed > 0 then
  say("LSP log: " .. vim.lsp.get_log_path())
  vim.cmd("cquit 1")
else
  for _, c in ipairs(require("griffel").clients()) do
    require("griffel").call(c, "stop")
  end
  vim.wait(1000, function()
    return #require("griffel").clients() == 0
  end, 20)
  vim.cmd("qall!")
end
