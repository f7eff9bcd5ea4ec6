from experiments.report import main

main()
