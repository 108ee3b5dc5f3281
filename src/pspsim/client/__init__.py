"""What a client of the simulator (a test, the ``sagas chaos`` campaign) uses: acting as
the payer through the control API (:mod:`.payer`) and reading the PSPs' records back
(:mod:`.records`). Each PSP's wire shape stays here, keyed by gateway and flow, so a
caller never branches on a PSP's name.
"""
