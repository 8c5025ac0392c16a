-- Neovim (Debian's 0.7.2, headless) as a second LSP client of memo-language-server, configured
-- by test/nvim/init.lua exactly as the README shows. Run by test/nvim/run.sh, which puts the
-- repository's bin/memo-language-server on PATH and sets MEMO_FILE to the seed memo (.memo).
-- Prints one line per check and 'nvim: N passed, N failed'; exits 1 (cquit) on any failure.
-- Positions are 0-based, UTF-16 (Neovim's default offset encoding), from kennan-1951.json.
local out = function(s) io.stdout:write(s .. '\n') end
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)') or './'
local file = assert(os.getenv('MEMO_FILE'), 'MEMO_FILE not set')
local passed, failed = 0, 0
local function check(name, cond, detail)
  if cond then
    passed = passed + 1
    out('ok   ' .. name)
  else
    failed = failed + 1
    out('FAIL ' .. name .. ': ' .. vim.inspect(detail):sub(1, 600))
  end
  return cond
end

local ok, err = pcall(function()
  dofile(here .. 'init.lua')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  check('the .memo file gets filetype memo', vim.bo[bufnr].filetype == 'memo', vim.bo[bufnr].filetype)

  -- The client attaches once the server has answered `initialize`.
  local client
  vim.wait(15000, function()
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == 'memo' and c.initialized ~= false then client = c end
    end
    return client ~= nil
  end, 50)
  if not check('memo-language-server starts and attaches to the buffer', client ~= nil, 'no client within 15 s') then
    return
  end

  local td = { uri = vim.uri_from_bufnr(bufnr) }
  local function req(method, params)
    local res, e = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
    if not res then return nil, e or 'timeout' end
    local r = res[client.id]
    if not r then return nil, 'no response' end
    return r.result, r.err
  end
  local function at(line, character) return { textDocument = td, position = { line = line, character = character } } end
  local function hover_text(h)
    if not h or not h.contents then return '' end
    local c = h.contents
    if type(c) == 'string' then return c end
    if c.value then return c.value end
    local parts = {}
    for _, p in ipairs(c) do table.insert(parts, type(p) == 'string' and p or p.value) end
    return table.concat(parts, '\n')
  end

  -- Outline: the title, with the printed pages under it.
  local syms, e1 = req('textDocument/documentSymbol', { textDocument = td })
  local names, page508 = {}, nil
  local function walk(list)
    for _, s in ipairs(list or {}) do
      table.insert(names, s.name)
      if s.name == 'Page 508' then page508 = s end
      walk(s.children)
    end
  end
  walk(syms)
  check('documentSymbol: root named with the title',
    syms and syms[1] and syms[1].name == 'George F. Kennan to the Deputy Under Secretary of State (Matthews)', e1 or names)
  check('documentSymbol: "Page 508" on its [Page 508] marker (8:1313)',
    page508 and page508.selectionRange.start.line == 8 and page508.selectionRange.start.character == 1313, page508 or names)
  local has_note = false
  for _, n in ipairs(names) do if n:find('^Footnote 1: A typewritten note') then has_note = true end end
  check('documentSymbol: "Footnote 1: A typewritten note..."', has_note, names)

  local h1, e2 = req('textDocument/hover', at(8, 1315))
  check('hover on [Page 508] mentions 508', hover_text(h1):find('508', 1, true) ~= nil, e2 or h1 or 'no hover (null)')

  local h2, e3 = req('textDocument/hover', at(2, 66))
  check('hover on the footnote reference shows the note',
    hover_text(h2):find('A typewritten note', 1, true) ~= nil, e3 or h2 or 'no hover (null)')

  local defs, e4 = req('textDocument/definition', at(2, 66))
  local d = defs and (defs[1] or defs)
  local range = d and (d.targetSelectionRange or d.range)
  check('definition from the reference lands on the note (line 47)', range and range.start.line == 47, e4 or defs or 'no definition (null)')

  local refs, e5 = req('textDocument/references', vim.tbl_extend('force', at(47, 2), { context = { includeDeclaration = false } }))
  local back = false
  for _, r in ipairs(refs or {}) do
    if r.range.start.line == 2 and r.range.start.character <= 66 and r.range['end'].character >= 67 then back = true end
  end
  check('references from the note include the reference at 2:66', back, e5 or refs or 'no references (null)')

  vim.lsp.stop_client(client.id)
end)
if not ok then check('no Lua error', false, err) end
out(string.format('nvim: %d passed, %d failed', passed, failed))
io.stdout:flush()
vim.cmd((failed == 0 and passed > 0) and 'qall!' or 'cquit! 1')
