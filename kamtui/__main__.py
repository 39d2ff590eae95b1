from kamtui.cli.main import main

raise SystemExit(main())
