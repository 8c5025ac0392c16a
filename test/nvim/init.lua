-- Marginalia's memo language server in Neovim 0.7 or later. Paste into init.lua.
-- Needs `memo-language-server` on PATH (from a clone: npm ci && npm run build && npm link).
-- test/nvim/run.sh loads this very file, so what the README shows is what is tested.
vim.cmd([[autocmd BufRead,BufNewFile *.memo setfiletype memo]])
-- A FRUS memo saved as .txt: `:set filetype=memo` in it.

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'memo',
  callback = function(args)
    local config = {
      name = 'memo',
      cmd = { 'memo-language-server', '--stdio' },
      root_dir = vim.fn.fnamemodify(args.file, ':p:h'),
    }
    if vim.lsp.start then
      vim.lsp.start(config) -- Neovim 0.8+: starts the server once, attaches every memo buffer
    else -- Neovim 0.7
      if not _G.memo_lsp_client or vim.lsp.client_is_stopped(_G.memo_lsp_client) then
        _G.memo_lsp_client = vim.lsp.start_client(config)
      end
      vim.lsp.buf_attach_client(args.buf, _G.memo_lsp_client)
    end
  end,
})
