Module Program
    ' <Main>
    Sub Main()
        Console.WriteLine("Hello")
    End Sub
    ' </Main>

    #Region "Helper"
    Function Twice(n As Integer) As Integer
        Return n * 2
    End Function
    #End Region
End Module
