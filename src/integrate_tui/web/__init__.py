"""The participant web page: plain HTML forms for phones, served by `integrate-tui serve`.

One aiohttp process serves every participant (no process per connection). A participant
joins with their code (a signed cookie seats them), sees the open round and sends their
own points, comparisons or votes; each send goes through `workshop.room` into the inbox
beside the scenario, exactly as the terminal page's do. The facilitator's app reads who is
in the room from `workshop.presence`. Modules: `app` (the factory), `handlers` (routes),
`forms` (fields in, payloads out), `pages` (Jinja2 templates, autoescaped), `security`
(Host/Origin, join limits, seats), `live` (the scenario as last read, presence, receipts),
`serve` (running it and printing the join link and its QR code).
"""
