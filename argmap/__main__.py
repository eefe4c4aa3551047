from argmap.cli.main import main

main()
