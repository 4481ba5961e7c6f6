-- :checkhealth griffel (Neovim 0.7's health#… API and the newer vim.health).
local M = {}

local function reporter()
  local h = vim.health
  if h and h.start then
    return h.start, h.ok, h.warn, h.error, h.info
  end
  if not (h and h.report_start) then
    h = require("health") -- Neovim 0.7
  end
  return h.report_start, h.report_ok, h.report_warn, h.report_error, h.report_info
end

function M.check()
  local start, ok, warn, error, info = reporter()
  local griffel = require("griffel")

  start("griffel: Neovim")
  if vim.fn.has("nvim-0.7") == 1 then
    ok("Neovim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor) .. "." .. tostring(vim.version().patch))
  else
    error("Neovim 0.7 or newer is needed")
  end

  start("griffel: server")
  local cmd = griffel.config.cmd
  if type(cmd) == "string" then
    cmd = { cmd }
  end
  local exe = cmd[1]
  if vim.fn.executable(exe) ~= 1 then
    error(("'%s' not found / niet gevonden"):format(exe), { griffel.install_hint })
  else
    ok(("'%s' found: %s"):format(exe, vim.fn.exepath(exe)))
    local out = vim.fn.system({ exe, "--version" })
    if vim.v.shell_error == 0 then
      ok("version: " .. vim.trim(out))
    else
      warn("'" .. exe .. " --version' failed: " .. vim.trim(out))
    end
  end

  start("griffel: configuration")
  local s = griffel.config.settings or {}
  info("settings: " .. vim.inspect(s, { newline = " ", indent = "" }))
  local known = { language = true, severity = true, fracties = true, diagnosticsDelayMs = true, sync = true }
  for k in pairs(s) do
    if not known[k] then
      warn(("unknown setting '%s' (known: language, severity, fracties, diagnosticsDelayMs, sync)"):format(k))
    end
  end
  info("filetypes: " .. table.concat(griffel.config.filetypes, ", ") .. (griffel.config.detect_txt and "; .txt reports detected by content" or ""))

  start("griffel: clients")
  local clients = griffel.clients()
  if #clients == 0 then
    info("no griffel server running (open a .verslag file)")
  end
  for _, c in ipairs(clients) do
    local bufs = {}
    for b in pairs(c.attached_buffers or {}) do
      table.insert(bufs, vim.api.nvim_buf_get_name(b))
    end
    ok(("client %d (root %s) attached to: %s"):format(c.id, tostring(c.config.root_dir), table.concat(bufs, ", ")))
  end
end

return M
