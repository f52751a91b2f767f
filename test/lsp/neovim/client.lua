-- Neovim as a real LSP client of `distro-toml lsp` (test/lsp/neovim.test.ts runs it headless, after the
-- README's Neovim configuration as init.lua, which starts and attaches the client when a TOML file of an
-- azldev project is opened). It uses only the API Neovim 0.7 has: vim.lsp.buf_get_clients, vim.diagnostic.get,
-- vim.lsp.buf_request_sync, vim.lsp.util.apply_workspace_edit. It opens DT_FILE, waits for the seeded error's
-- diagnostic (code DT_CODE), asks for completion, hover and (when DT_DEFINITION is set) definition
-- (DT_COMPLETION/DT_HOVER/DT_DEFINITION, "line:character", 0-based), runs the code lens if there is one, applies
-- the quick fix the server offers, and writes what it saw to DT_OUT as JSON.
local env = vim.env
local out = {}
local TIMEOUT = 30000

local function position(spec)
  local line, character = spec:match('^(%d+):(%d+)$')
  return { line = tonumber(line), character = tonumber(character) }
end

local function lines_of(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

local function diagnostics_of(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), lnum = d.lnum, col = d.col, message = d.message, severity = d.severity })
  end
  return list
end

local function has_code(bufnr, code)
  for _, d in ipairs(diagnostics_of(bufnr)) do
    if d.code == code then return d end
  end
  return nil
end

local function first_result(responses)
  for _, r in pairs(responses or {}) do
    if r.error then return nil, r.error end
    if r.result ~= nil then return r.result end
  end
  return nil
end

local function run()
  local messages = {}
  vim.lsp.handlers['window/showMessage'] = function(_, result) table.insert(messages, result.message) end
  vim.cmd('edit ' .. vim.fn.fnameescape(env.DT_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[bufnr].filetype
  out.textBefore = lines_of(bufnr)
  -- The configuration's FileType autocommand started the client and attached it to the buffer.
  local client_id
  assert(vim.wait(TIMEOUT, function()
    for id, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == 'distro-toml' and c.initialized then client_id = id end
    end
    return client_id ~= nil
  end, 50), 'no distro-toml client attached to the buffer')
  out.serverInfo = vim.lsp.get_client_by_id(client_id).server_capabilities.executeCommandProvider

  -- Diagnostics: the seeded error, pushed by the server.
  assert(vim.wait(TIMEOUT, function() return has_code(bufnr, env.DT_CODE) ~= nil end, 50), 'no ' .. env.DT_CODE .. ' diagnostic arrived')
  out.diagnostics = diagnostics_of(bufnr)
  local uri = vim.uri_from_bufnr(bufnr)

  -- Completion.
  local completion, err = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', { textDocument = { uri = uri }, position = position(env.DT_COMPLETION) }, TIMEOUT))
  assert(completion, 'no completion: ' .. vim.inspect(err))
  out.completion = {}
  for _, item in ipairs(completion.items or completion) do
    table.insert(out.completion, { label = item.label, insertTextFormat = item.insertTextFormat })
  end

  -- Hover.
  local hover = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = position(env.DT_HOVER) }, TIMEOUT))
  assert(hover, 'no hover')
  out.hover = type(hover.contents) == 'table' and (hover.contents.value or hover.contents[1]) or hover.contents

  -- Definition (when asked for).
  if env.DT_DEFINITION then
    local definition = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/definition', { textDocument = { uri = uri }, position = position(env.DT_DEFINITION) }, TIMEOUT))
    assert(definition, 'no definition')
    if definition.uri or definition.targetUri then definition = { definition } end
    out.definition = {}
    for _, loc in ipairs(definition) do
      table.insert(out.definition, { uri = loc.uri or loc.targetUri, range = loc.range or loc.targetSelectionRange })
    end
  end

  -- Code lenses: the ones the server sends a client without the VS Code extension's commands, resolved.
  local lenses = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/codeLens', { textDocument = { uri = uri } }, TIMEOUT)) or {}
  out.lenses = {}
  for _, lens in ipairs(lenses) do
    if not lens.command then lens = first_result(vim.lsp.buf_request_sync(bufnr, 'codeLens/resolve', lens, TIMEOUT)) or lens end
    table.insert(out.lenses, { title = lens.command and lens.command.title, command = lens.command and lens.command.command })
    if lens.command and out.lensResult == nil then
      out.lensResult = first_result(vim.lsp.buf_request_sync(bufnr, 'workspace/executeCommand', lens.command, TIMEOUT))
    end
  end

  -- The quick fix for the seeded error, applied to the buffer as Neovim applies any workspace edit.
  -- As vim.lsp.buf.code_action does: the line's diagnostics in their LSP form.
  local line = has_code(bufnr, env.DT_CODE).lnum
  local seeded
  for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(bufnr, line, {}, client_id)) do
    if d.code == env.DT_CODE then seeded = d end
  end
  assert(seeded, 'the seeded diagnostic has no LSP form')
  local actions = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = seeded.range,
    context = { diagnostics = { seeded }, only = { 'quickfix' } },
  }, TIMEOUT)) or {}
  out.codeActions = {}
  for _, a in ipairs(actions) do table.insert(out.codeActions, a.title) end
  local fix = actions[1]
  assert(fix and fix.edit, 'no quick fix with an edit')
  local client = vim.lsp.get_client_by_id(client_id)
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
  out.textAfter = lines_of(bufnr)
  -- The edit reaches the server (didChange) and the diagnostic goes away.
  out.fixedDiagnosticCleared = vim.wait(TIMEOUT, function() return has_code(bufnr, env.DT_CODE) == nil end, 50)
  out.diagnosticsAfter = diagnostics_of(bufnr)
  out.messages = messages

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
end

local ok, err = pcall(run)
out.ok = ok
if not ok then out.error = tostring(err) end
local f = assert(io.open(env.DT_OUT, 'w'))
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd(ok and 'qall!' or 'cquit!')
