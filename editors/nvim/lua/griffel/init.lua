-- griffel for Neovim: filetype detection, server start, settings.
-- Works on Neovim 0.7 (vim.lsp.start_client + buf_attach_client) and newer (vim.lsp.start).

local M = {}

M.install_hint = "cargo install --locked --path . (in the griffel repository; README, section Install), then put ~/.cargo/bin on PATH or set cmd"

local defaults = {
  -- The server command; `griffel` on PATH unless set. A string or a list.
  cmd = { "griffel" },
  -- The server's `griffel` section: language, severity, fracties, diagnosticsDelayMs, sync.
  settings = {},
  -- Filetypes to attach to.
  filetypes = { "griffel" },
  -- Also treat `.txt` files as reports when their first lines say so.
  detect_txt = false,
  -- function(bufnr, client) called when the server attaches to a buffer.
  on_attach = nil,
  -- function(fname) -> directory; default: the nearest parent with .git, else the file's folder.
  root_dir = nil,
  -- Extra capabilities merged into the client's.
  capabilities = nil,
}

M.config = vim.deepcopy(defaults)

-- The phrases that mark a report in its first lines (FORMAT.md, section 1).
M.markers = {
  "Verslag van een schriftelijk overleg",
  "Lijst van vragen en antwoorden",
  "Verslag houdende een lijst van vragen en antwoorden",
  "Inbreng verslag schriftelijk overleg",
}

--- True when the first lines of `bufnr` look like a report.
function M.looks_like_report(bufnr)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, 15, false)
  for _, line in ipairs(lines) do
    for _, marker in ipairs(M.markers) do
      if line:find(marker, 1, true) then
        return true
      end
    end
  end
  return false
end

local function dirname(path)
  return vim.fn.fnamemodify(path, ":h")
end

local function default_root(fname)
  if fname == "" then
    return vim.loop.cwd()
  end
  local dir = dirname(vim.fn.fnamemodify(fname, ":p"))
  local git = vim.fn.finddir(".git", dir .. ";")
  if git ~= "" then
    return dirname(vim.fn.fnamemodify(git, ":p:h"))
  end
  return dir
end

local function as_cmd(cmd)
  if type(cmd) == "string" then
    return { cmd }
  end
  return cmd
end

--- The settings as sent to the server: an object even when empty.
local function section()
  local s = M.config.settings or {}
  if next(s) == nil then
    return vim.empty_dict()
  end
  return s
end

local warned_missing = false

--- Checks that the server can be started; warns once when not.
function M.executable()
  local exe = as_cmd(M.config.cmd)[1]
  if vim.fn.executable(exe) == 1 then
    return true
  end
  if not warned_missing then
    warned_missing = true
    vim.notify(
      ("griffel: server '%s' niet gevonden / not found. Install: %s"):format(exe, M.install_hint),
      vim.log.levels.ERROR
    )
  end
  return false
end

-- Client methods: called with `:` from 0.11 on, with `.` before (0.7's client.stop(force)
-- would take the client itself as `force`).
local method_style = vim.fn.has("nvim-0.11") == 1
local function call(client, name, ...)
  if method_style then
    return client[name](client, ...)
  end
  return client[name](...)
end

-- Clients started on Neovim 0.7, by root directory.
local clients_by_root = {}

local function client_config(bufnr)
  local fname = vim.api.nvim_buf_get_name(bufnr)
  local root = (M.config.root_dir or default_root)(fname)
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  if M.config.capabilities then
    capabilities = vim.tbl_deep_extend("force", capabilities, M.config.capabilities)
  end
  return {
    name = "griffel",
    cmd = as_cmd(M.config.cmd),
    root_dir = root,
    workspace_folders = nil,
    capabilities = capabilities,
    init_options = section(),
    -- Answers workspace/configuration for the section "griffel".
    settings = { griffel = section() },
    on_attach = function(client, b)
      if M.config.on_attach then
        M.config.on_attach(b, client)
      end
    end,
  }
end

--- Starts the server for `bufnr` (or reuses the running one) and attaches it.
--- Returns the client id, or nil.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if not M.executable() then
    return nil
  end
  local config = client_config(bufnr)
  if vim.lsp.start then
    -- Neovim 0.8+: reuses a client with the same name and root.
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients_by_root[config.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or call(client, "is_stopped") then
    id = vim.lsp.start_client(config)
    if not id then
      return nil
    end
    clients_by_root[config.root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

M.call = call

--- The running griffel clients.
function M.clients()
  local out = {}
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = "griffel" })
  end
  for _, c in pairs(vim.lsp.get_active_clients()) do
    if c.name == "griffel" then
      table.insert(out, c)
    end
  end
  return out
end

--- Changes settings at run time: merged into the current ones and sent to running servers.
function M.configure(settings)
  M.config.settings = vim.tbl_deep_extend("force", M.config.settings or {}, settings or {})
  for _, c in ipairs(M.clients()) do
    c.config.settings = { griffel = section() }
    call(c, "notify", "workspace/didChangeConfiguration", { settings = { griffel = section() } })
  end
end

--- Stops the running servers and attaches every report buffer again.
function M.restart()
  for _, c in ipairs(M.clients()) do
    call(c, "stop")
  end
  clients_by_root = {}
  vim.defer_fn(function()
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(M.config.filetypes, vim.bo[b].filetype) then
        M.attach(b)
      end
    end
  end, 200)
end

local function set_report(bufnr)
  if vim.bo[bufnr].filetype ~= "griffel" then
    vim.bo[bufnr].filetype = "griffel"
  end
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(defaults), opts or {})
  if opts and opts.cmd then
    M.config.cmd = opts.cmd -- a list replaces, not merges
  end
  warned_missing = false

  local group = vim.api.nvim_create_augroup("griffel", { clear = true })
  vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
    group = group,
    pattern = "*.verslag",
    callback = function(ev)
      set_report(ev.buf)
    end,
  })
  if M.config.detect_txt then
    vim.api.nvim_create_autocmd({ "BufRead" }, {
      group = group,
      pattern = "*.txt",
      callback = function(ev)
        if M.looks_like_report(ev.buf) then
          set_report(ev.buf)
        end
      end,
    })
  end
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.config.filetypes,
    callback = function(ev)
      M.attach(ev.buf)
    end,
  })

  vim.api.nvim_create_user_command("GriffelRestart", M.restart, { desc = "Restart the griffel language server" })
  vim.api.nvim_create_user_command("GriffelReport", function()
    set_report(vim.api.nvim_get_current_buf())
  end, { desc = "Treat this buffer as a griffel report" })

  -- Buffers opened before setup() was called.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) then
      local name = vim.api.nvim_buf_get_name(b)
      if name:match("%.verslag$") or (M.config.detect_txt and name:match("%.txt$") and M.looks_like_report(b)) then
        set_report(b)
      elseif vim.tbl_contains(M.config.filetypes, vim.bo[b].filetype) then
        M.attach(b)
      end
    end
  end
end

return M
